package dev.trawl.ranker.feature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature vectors of one query's candidates: row {@code i} belongs to {@code docIds.get(i)}, the
 * candidate at fused rank {@code i + 1}; columns follow {@code schema}. Missing values are NaN.
 *
 * <p>The array is shared, not copied: treat it as read-only.
 *
 * @param schema the columns
 * @param docIds candidate document ids, in fused order
 * @param values row-major, {@code docIds.size() * schema.size()} values
 */
public record FeatureMatrix(FeatureSchema schema, List<String> docIds, float[] values) {
  public FeatureMatrix {
    docIds = List.copyOf(docIds);
    if (values.length != docIds.size() * schema.size()) {
      throw new IllegalArgumentException(
          "expected " + docIds.size() + " x " + schema.size() + " values, got " + values.length);
    }
  }

  public int rows() {
    return docIds.size();
  }

  public int columns() {
    return schema.size();
  }

  public float get(int row, int column) {
    return values[row * schema.size() + column];
  }

  public float get(int row, RankingFeature feature) {
    return get(row, feature.column());
  }

  /** Row {@code row} as feature name to value, in schema order; NaN becomes null. */
  public Map<String, Double> asMap(int row) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int c = 0; c < schema.size(); c++) {
      float v = get(row, c);
      m.put(schema.get(c).name(), Float.isNaN(v) ? null : (double) v);
    }
    return m;
  }
}
