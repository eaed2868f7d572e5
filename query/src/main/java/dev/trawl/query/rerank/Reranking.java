package dev.trawl.query.rerank;

import dev.trawl.query.HybridSearcher;
import java.util.Map;

/**
 * A reranker's output for one query.
 *
 * @param retrieved the input with its fused list reordered (same keys); the rankings per
 *     retriever are unchanged
 * @param features per document id, its feature vector (feature name to value, null for a missing
 *     value, in schema order); empty unless features were asked for
 * @param tag the tag of the reranker that reordered the list, or null when the order is the fused one
 */
public record Reranking(HybridSearcher.Retrieved retrieved, Map<String, Map<String, Double>> features, String tag) {
  public Reranking {
    features = features == null ? Map.of() : features;
  }

  /** The fused order, unchanged and unexplained. */
  public static Reranking unchanged(HybridSearcher.Retrieved retrieved) {
    return new Reranking(retrieved, Map.of(), null);
  }
}
