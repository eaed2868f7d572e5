package dev.trawl.query;

import java.util.List;

/**
 * The answer to one {@link SearchRequest}.
 *
 * @param hits the top documents, best first
 * @param candidates number of distinct documents the retrievers produced before truncation to k
 * @param snapshotVersion version of the index snapshot that answered
 * @param reranker tag of the model that reordered the hits (see {@code Reranker#tag()}), or null
 *     when they are in fused order (no model, reranking off for the request, or nothing to rerank)
 */
public record SearchResult(List<SearchHit> hits, int candidates, long snapshotVersion, String reranker) {

  /** A result in fused order. */
  public SearchResult(List<SearchHit> hits, int candidates, long snapshotVersion) {
    this(hits, candidates, snapshotVersion, null);
  }
}
