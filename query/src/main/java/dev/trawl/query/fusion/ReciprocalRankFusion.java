package dev.trawl.query.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a key's score is
 * {@code sum over lists of weight / (k + rank)}, ranks starting at 1. Raw scores are ignored,
 * which is what makes it safe for lists whose scores are not comparable (BM25 vs cosine).
 */
public final class ReciprocalRankFusion implements Fusion {
  public static final int DEFAULT_K = 60;
  private final int k;

  public ReciprocalRankFusion(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("RRF k must be >= 1, got " + k);
    }
    this.k = k;
  }

  public int k() {
    return k;
  }

  @Override
  public List<Fused> fuse(List<RankedList> lists) {
    Map<String, double[]> acc = new HashMap<>();
    for (RankedList list : lists) {
      for (int i = 0; i < list.size(); i++) {
        double add = list.weight() / (k + i + 1.0);
        acc.computeIfAbsent(list.keys().get(i), x -> new double[1])[0] += add;
      }
    }
    return FusedSort.sorted(acc);
  }
}
