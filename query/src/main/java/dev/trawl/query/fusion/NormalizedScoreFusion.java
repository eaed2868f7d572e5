package dev.trawl.query.fusion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear combination of min-max normalised scores: within each list, scores map to
 * {@code (s - min) / (max - min)} (1 when all are equal); a key's fused score is the
 * weighted sum over the lists it appears in (absent = 0).
 */
public final class NormalizedScoreFusion implements Fusion {
  @Override
  public List<Fused> fuse(List<RankedList> lists) {
    Map<String, double[]> acc = new HashMap<>();
    for (RankedList list : lists) {
      if (list.size() == 0) {
        continue;
      }
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float s : list.scores()) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      double range = max - min;
      for (int i = 0; i < list.size(); i++) {
        double norm = range > 0 ? (list.scores()[i] - min) / range : 1.0;
        acc.computeIfAbsent(list.keys().get(i), x -> new double[1])[0] += list.weight() * norm;
      }
    }
    return FusedSort.sorted(acc);
  }
}
