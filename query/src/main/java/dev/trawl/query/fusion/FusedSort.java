package dev.trawl.query.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Orders fused scores: score descending, key ascending on ties. */
final class FusedSort {
  static final Comparator<Fused> ORDER =
      Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::key);

  private FusedSort() {}

  static List<Fused> sorted(Map<String, double[]> acc) {
    List<Fused> out = new ArrayList<>(acc.size());
    acc.forEach((key, s) -> out.add(new Fused(key, s[0])));
    out.sort(ORDER);
    return out;
  }
}
