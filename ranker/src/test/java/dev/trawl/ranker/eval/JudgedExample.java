package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Map;

/**
 * The worked example of the metric tests: a 5-document ranking whose first three documents have
 * grades 2, 0, 1, two unjudged documents, and a third relevant document (d7, grade 1) that was
 * not retrieved, so 3 documents are relevant in total.
 *
 * <pre>
 * rank  doc  grade
 *  1    d1   2
 *  2    d2   0      (judged non-relevant)
 *  3    d3   1
 *  4    d4   -      (unjudged)
 *  5    d5   -      (unjudged)
 *  not retrieved: d7, grade 1
 * </pre>
 */
final class JudgedExample {
  static final List<String> RANKING = List.of("d1", "d2", "d3", "d4", "d5");
  static final Map<String, Integer> JUDGMENTS = Map.of("d1", 2, "d2", 0, "d3", 1, "d7", 1);

  /** Tolerance for comparing hand-computed values. */
  static final double EPS = 1e-12;

  private JudgedExample() {}

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
