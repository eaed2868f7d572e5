package dev.trawl.ranker.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Evaluator#evaluate}: per-query metric values and their means.
 *
 * @param metrics metric names, in column order
 * @param perQuery for each evaluated query (in qrels order), its value for every metric, keyed by
 *     metric name in column order
 * @param means for every metric, the mean of its per-query values (0 if no query was evaluated)
 * @param missingFromRun evaluated queries for which the run retrieved nothing (scored 0)
 */
public record EvalReport(
    List<String> metrics,
    Map<String, Map<String, Double>> perQuery,
    Map<String, Double> means,
    List<String> missingFromRun) {

  /**
   * Copies every collection into unmodifiable form; the maps of metric values are put in {@code
   * metrics} order.
   *
   * @throws IllegalArgumentException if a map of metric values lacks one of {@code metrics} or
   *     has another key
   */
  public EvalReport {
    metrics = List.copyOf(metrics);
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> e : perQuery.entrySet()) {
      rows.put(e.getKey(), inMetricOrder(metrics, e.getValue(), "query " + e.getKey()));
    }
    perQuery = Collections.unmodifiableMap(rows);
    means = inMetricOrder(metrics, means, "means");
    missingFromRun = List.copyOf(missingFromRun);
  }

  private static Map<String, Double> inMetricOrder(
      List<String> metrics, Map<String, Double> values, String what) {
    if (values.size() != metrics.size() || !values.keySet().containsAll(metrics)) {
      throw new IllegalArgumentException(
          what + " has values for " + values.keySet() + ", expected " + metrics);
    }
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String m : metrics) {
      ordered.put(m, Objects.requireNonNull(values.get(m), m));
    }
    return Collections.unmodifiableMap(ordered);
  }

  /** The evaluated query ids, in qrels order. */
  public List<String> queryIds() {
    return List.copyOf(perQuery.keySet());
  }

  /** Number of evaluated queries, the denominator of every mean. */
  public int queryCount() {
    return perQuery.size();
  }

  /**
   * The mean of {@code metric} (a canonical name such as {@code ndcg@10}).
   *
   * @throws IllegalArgumentException if the report has no such metric
   */
  public double mean(String metric) {
    Double v = means.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("no metric " + metric + " in " + metrics);
    }
    return v;
  }

  /**
   * The value of {@code metric} for {@code queryId}.
   *
   * @throws IllegalArgumentException if the query was not evaluated or the metric is unknown
   */
  public double value(String queryId, String metric) {
    Map<String, Double> row = perQuery.get(queryId);
    if (row == null) {
      throw new IllegalArgumentException("query " + queryId + " was not evaluated");
    }
    Double v = row.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("no metric " + metric + " in " + metrics);
    }
    return v;
  }

  /**
   * The values of {@code metric} for every evaluated query, in {@link #queryIds()} order.
   *
   * @throws IllegalArgumentException if the metric is unknown
   */
  public double[] column(String metric) {
    if (!means.containsKey(metric)) {
      throw new IllegalArgumentException("no metric " + metric + " in " + metrics);
    }
    double[] values = new double[perQuery.size()];
    int i = 0;
    for (Map<String, Double> row : perQuery.values()) {
      values[i++] = row.get(metric);
    }
    return values;
  }

  /**
   * Renders an aligned plain-text table with 4 decimals: a header line, then (if {@code
   * withQueries}) one line per query, then a line {@code all} with the means. Columns are
   * separated by at least two spaces; lines end with {@code \n}.
   */
  public String toTable(boolean withQueries) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("query");
    header.addAll(metrics);
    rows.add(header);
    if (withQueries) {
      perQuery.forEach((qid, values) -> rows.add(formatRow(qid, values)));
    }
    rows.add(formatRow("all", means));
    return TextTable.render(rows, 1);
  }

  /** {@link #toTable(boolean) toTable(false)}: the means only. */
  public String toTable() {
    return toTable(false);
  }

  /**
   * This report as nested maps and lists of strings and numbers, ready for a JSON encoder: {@code
   * {"metrics": [...], "query_count": n, "means": {metric: value}, "per_query": {qid: {metric:
   * value}}, "missing_from_run": [...]}} (snake_case, as every JSON Trawl writes).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("metrics", metrics);
    map.put("query_count", queryCount());
    map.put("means", means);
    map.put("per_query", perQuery);
    map.put("missing_from_run", missingFromRun);
    return Collections.unmodifiableMap(map);
  }

  private List<String> formatRow(String label, Map<String, Double> values) {
    List<String> row = new ArrayList<>();
    row.add(label);
    for (String m : metrics) {
      row.add(String.format(Locale.ROOT, "%.4f", values.get(m)));
    }
    return row;
  }
}
