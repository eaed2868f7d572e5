package dev.trawl.query;

import java.util.Map;

/**
 * One document in a result list.
 *
 * @param docId document id
 * @param score fused score (or the single retriever's score)
 * @param rank 1-based rank
 * @param title document title ("" if none)
 * @param snippet the best passage's most relevant text under the snippet budget ("" if snippets are off)
 * @param passage the passage the snippet comes from
 * @param metadata the document's metadata
 * @param lexical where BM25 ranked it, or null if BM25 did not retrieve it
 * @param vector where vector search ranked it, or null
 */
public record SearchHit(
    String docId,
    double score,
    int rank,
    String title,
    String snippet,
    PassageRef passage,
    Map<String, Object> metadata,
    RetrieverRank lexical,
    RetrieverRank vector) {}
