package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Map;

/**
 * Precision at cutoff {@code k}, defined as {@code trec_eval -m P.k} defines it: the number of
 * relevant documents (grade {@code > 0}) among the top {@code k} retrieved, divided by {@code k}
 * even when fewer than {@code k} documents were retrieved.
 *
 * @param k the cutoff, at least 1
 */
public record PrecisionAtK(int k) implements Metric {
  public PrecisionAtK {
    if (k < 1) {
      throw new IllegalArgumentException("cutoff must be >= 1, got " + k);
    }
  }

  @Override
  public String name() {
    return "p@" + k;
  }

  @Override
  public double score(List<String> rankedDocIds, Map<String, Integer> judgments) {
    int found = 0;
    int depth = Math.min(k, rankedDocIds.size());
    for (int i = 0; i < depth; i++) {
      if (judgments.getOrDefault(rankedDocIds.get(i), 0) > 0) {
        found++;
      }
    }
    return (double) found / k;
  }

  @Override
  public String toString() {
    return name();
  }
}
