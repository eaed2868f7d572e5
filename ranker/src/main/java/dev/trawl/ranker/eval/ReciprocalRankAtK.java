package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank at cutoff {@code k}: 1 / r for the rank r of the first relevant document
 * (grade {@code > 0}) if {@code r <= k}, else 0. Averaged over queries it is MRR@k. Without a cutoff
 * ({@link #NO_CUTOFF}) it equals {@code trec_eval -m recip_rank}; with one it equals {@code
 * trec_eval -M k -m recip_rank}, the way Anserini computes MRR@10.
 *
 * @param k the cutoff, at least 1; {@link #NO_CUTOFF} for the whole list
 */
public record ReciprocalRankAtK(int k) implements Metric {
  /** The cutoff meaning "the whole ranked list". */
  public static final int NO_CUTOFF = Integer.MAX_VALUE;

  public ReciprocalRankAtK {
    if (k < 1) {
      throw new IllegalArgumentException("cutoff must be >= 1, got " + k);
    }
  }

  @Override
  public String name() {
    return k == NO_CUTOFF ? "mrr" : "mrr@" + k;
  }

  @Override
  public double score(List<String> rankedDocIds, Map<String, Integer> judgments) {
    int depth = Math.min(k, rankedDocIds.size());
    for (int i = 0; i < depth; i++) {
      if (judgments.getOrDefault(rankedDocIds.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0.0;
  }

  @Override
  public String toString() {
    return name();
  }
}
