package dev.trawl.ranker.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Normalized discounted cumulative gain at cutoff {@code k}, defined as {@code trec_eval -m
 * ndcg_cut.k} defines it.
 *
 * <p>DCG@k = sum over ranks r = 1..min(k, n) of gain(r) / log2(r + 1), where gain is the judged
 * grade of the document at rank r when that grade is {@code > 0}, else 0. The ideal DCG@k is the
 * same sum over the query's positive grades sorted descending (all judged documents, retrieved or
 * not), truncated at k. nDCG@k = DCG@k / ideal DCG@k, or 0 when the query has no positive grade.
 *
 * @param k the cutoff, at least 1
 */
public record NdcgAtK(int k) implements Metric {
  public NdcgAtK {
    if (k < 1) {
      throw new IllegalArgumentException("cutoff must be >= 1, got " + k);
    }
  }

  @Override
  public String name() {
    return "ndcg@" + k;
  }

  @Override
  public double score(List<String> rankedDocIds, Map<String, Integer> judgments) {
    int[] positive = judgments.values().stream().mapToInt(Integer::intValue).filter(g -> g > 0).toArray();
    if (positive.length == 0) {
      return 0.0;
    }
    double dcg = 0.0;
    int depth = Math.min(k, rankedDocIds.size());
    for (int i = 0; i < depth; i++) {
      int grade = judgments.getOrDefault(rankedDocIds.get(i), 0);
      if (grade > 0) {
        dcg += grade / log2(i + 2);
      }
    }
    Arrays.sort(positive);
    double ideal = 0.0;
    int idealDepth = Math.min(k, positive.length);
    for (int i = 0; i < idealDepth; i++) {
      ideal += positive[positive.length - 1 - i] / log2(i + 2);
    }
    return dcg / ideal;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }

  @Override
  public String toString() {
    return name();
  }
}
