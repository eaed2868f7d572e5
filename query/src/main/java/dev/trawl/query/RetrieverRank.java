package dev.trawl.query;

/**
 * Where one retriever placed a document.
 *
 * @param rank 1-based rank among the documents that retriever found
 * @param score that retriever's score for the document's best passage
 */
public record RetrieverRank(int rank, float score) {}
