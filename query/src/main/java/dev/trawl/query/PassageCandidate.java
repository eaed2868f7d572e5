package dev.trawl.query;

/**
 * A passage found by one retriever.
 *
 * @param luceneDoc global Lucene doc id in the snapshot it was found in
 * @param passageId passage id
 * @param docId parent document id
 * @param score the retriever's raw score (BM25, or cosine similarity)
 * @param rank 1-based rank in the retriever's passage list
 */
public record PassageCandidate(int luceneDoc, String passageId, String docId, float score, int rank) {}
