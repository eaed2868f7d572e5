package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Map;

/**
 * Recall at cutoff {@code k}, defined as {@code trec_eval -m recall.k} defines it: the number of
 * relevant documents (grade {@code > 0}) among the top {@code min(k, n)} retrieved, divided by the
 * number of relevant documents judged for the query; 0 when the query has none.
 *
 * @param k the cutoff, at least 1
 */
public record RecallAtK(int k) implements Metric {
  public RecallAtK {
    if (k < 1) {
      throw new IllegalArgumentException("cutoff must be >= 1, got " + k);
    }
  }

  @Override
  public String name() {
    return "recall@" + k;
  }

  @Override
  public double score(List<String> rankedDocIds, Map<String, Integer> judgments) {
    int relevant = 0;
    for (int grade : judgments.values()) {
      if (grade > 0) {
        relevant++;
      }
    }
    if (relevant == 0) {
      return 0.0;
    }
    int found = 0;
    int depth = Math.min(k, rankedDocIds.size());
    for (int i = 0; i < depth; i++) {
      if (judgments.getOrDefault(rankedDocIds.get(i), 0) > 0) {
        found++;
      }
    }
    return (double) found / relevant;
  }

  @Override
  public String toString() {
    return name();
  }
}
