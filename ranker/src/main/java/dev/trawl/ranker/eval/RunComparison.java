package dev.trawl.ranker.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A comparison of two or more runs on the same qrels: each run's means, and for every other run
 * against the first (the baseline), per metric, the per-query wins, losses and ties and the
 * p-value of a {@link PairedRandomizationTest}.
 *
 * <p>All runs are scored by one {@link Evaluator}, so they are compared over the same queries
 * (queries missing from a run score 0 there, see {@link Evaluator}).
 *
 * @param baseline name of the baseline run (the first)
 * @param runs run names, baseline first
 * @param metrics metric names, in the evaluator's order
 * @param reports each run's evaluation, keyed by run name in {@code runs} order
 * @param comparisons one entry per non-baseline run and metric, runs in order, metrics in order
 *     within a run
 */
public record RunComparison(
    String baseline,
    List<String> runs,
    List<String> metrics,
    Map<String, EvalReport> reports,
    List<MetricComparison> comparisons) {

  /** Copies every collection, keeping its order, into unmodifiable form. */
  public RunComparison {
    runs = List.copyOf(runs);
    metrics = List.copyOf(metrics);
    reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    comparisons = List.copyOf(comparisons);
  }

  /**
   * Evaluates every run with {@code evaluator} on {@code qrels} and compares each later run with
   * the first.
   *
   * @param runs runs by display name, the baseline first; at least two
   * @throws IllegalArgumentException if fewer than two runs are given
   */
  public static RunComparison compare(
      Qrels qrels,
      SequencedMap<String, Run> runs,
      Evaluator evaluator,
      PairedRandomizationTest test) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException("need at least two runs, got " + runs.size());
    }
    Map<String, EvalReport> reports = new LinkedHashMap<>();
    runs.forEach((name, run) -> reports.put(name, evaluator.evaluate(qrels, run)));
    List<String> names = List.copyOf(runs.keySet());
    String baselineName = names.get(0);
    EvalReport base = reports.get(baselineName);
    List<MetricComparison> comparisons = new ArrayList<>();
    for (String name : names.subList(1, names.size())) {
      EvalReport other = reports.get(name);
      for (String metric : base.metrics()) {
        double[] x = base.column(metric);
        double[] y = other.column(metric);
        int wins = 0;
        int losses = 0;
        int ties = 0;
        for (int i = 0; i < x.length; i++) {
          if (y[i] > x[i]) {
            wins++;
          } else if (y[i] < x[i]) {
            losses++;
          } else {
            ties++;
          }
        }
        comparisons.add(
            new MetricComparison(
                name,
                metric,
                base.mean(metric),
                other.mean(metric),
                wins,
                losses,
                ties,
                test.pValue(x, y)));
      }
    }
    return new RunComparison(baselineName, names, base.metrics(), reports, comparisons);
  }

  /**
   * The comparison of {@code run} with the baseline on {@code metric}.
   *
   * @throws IllegalArgumentException if there is none (e.g. {@code run} is the baseline)
   */
  public MetricComparison comparison(String run, String metric) {
    for (MetricComparison c : comparisons) {
      if (c.run().equals(run) && c.metric().equals(metric)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no comparison of run " + run + " on " + metric);
  }

  /** The mean of {@code metric} for {@code run}. */
  public double mean(String run, String metric) {
    EvalReport report = reports.get(run);
    if (report == null) {
      throw new IllegalArgumentException("no run " + run + " in " + runs);
    }
    return report.mean(metric);
  }

  /**
   * Renders an aligned plain-text table: one line per metric and run, with the run's mean, and
   * for non-baseline runs the difference to the baseline, wins/losses/ties and the p-value.
   */
  public String toTable() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("metric", "run", "mean", "delta", "win/loss/tie", "p"));
    for (String metric : metrics) {
      rows.add(List.of(metric, baseline, format("%.4f", mean(baseline, metric)), "baseline"));
      for (String run : runs.subList(1, runs.size())) {
        MetricComparison c = comparison(run, metric);
        rows.add(
            List.of(
                metric,
                run,
                format("%.4f", c.mean()),
                format("%+.4f", c.delta()),
                c.wins() + "/" + c.losses() + "/" + c.ties(),
                format("%.4f", c.pValue())));
      }
    }
    return TextTable.render(rows, 2);
  }

  /**
   * This comparison as nested maps and lists, ready for a JSON encoder: {@code {"baseline",
   * "runs", "metrics", "means": {run: {metric: value}}, "comparisons": [...]}}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> means = new LinkedHashMap<>();
    reports.forEach((run, report) -> means.put(run, report.means()));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("baseline", baseline);
    map.put("runs", runs);
    map.put("metrics", metrics);
    map.put("means", means);
    map.put("comparisons", comparisons.stream().map(MetricComparison::toMap).toList());
    return map;
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
