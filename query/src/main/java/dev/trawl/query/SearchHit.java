package dev.trawl.query;

import java.util.Map;

/**
 * One document in a result list.
 *
 * @param docId document id
 * @param score the reranker's score when the learned reranker ordered this hit, otherwise the
 *     fused score (or the single retriever's score); compare scores only within one result
 * @param rank 1-based rank
 * @param title document title ("" if none)
 * @param snippet the best passage's most relevant text under the snippet budget ("" if snippets are off)
 * @param passage the passage the snippet comes from
 * @param metadata the document's metadata
 * @param lexical where BM25 ranked it, or null if BM25 did not retrieve it
 * @param vector where vector search ranked it, or null
 * @param features with {@link Explain#FEATURES}: the hit's feature vector, feature name to value in
 *     schema order, null for a feature that is missing for this hit (e.g. the vector rank of a
 *     document vector search did not find); null when not requested or not computed
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
    RetrieverRank vector,
    Map<String, Double> features) {

  /** A hit without features. */
  public SearchHit(String docId, double score, int rank, String title, String snippet, PassageRef passage,
      Map<String, Object> metadata, RetrieverRank lexical, RetrieverRank vector) {
    this(docId, score, rank, title, snippet, passage, metadata, lexical, vector, null);
  }
}
