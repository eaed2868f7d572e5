package dev.trawl.ranker.train;

import dev.trawl.ranker.feature.FeatureMatrix;
import java.util.Objects;

/**
 * One training or evaluation query: its candidate documents (the head of the hybrid fused list,
 * in fused order), their feature vectors and their relevance labels.
 *
 * @param queryId the query id of the qrels
 * @param features one row per candidate, in fused order
 * @param labels the candidate's qrels grade, 0 for unjudged or non-relevant (negative grades are 0)
 */
public record QueryCandidates(String queryId, FeatureMatrix features, int[] labels) {
  public QueryCandidates {
    Objects.requireNonNull(queryId, "queryId");
    if (labels.length != features.rows()) {
      throw new IllegalArgumentException("one label per candidate expected");
    }
  }

  public int size() {
    return labels.length;
  }

  /** Whether some candidate is relevant (a query without one teaches a ranking model nothing). */
  public boolean hasRelevant() {
    for (int l : labels) {
      if (l > 0) {
        return true;
      }
    }
    return false;
  }
}
