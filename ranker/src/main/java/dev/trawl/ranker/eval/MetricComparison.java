package dev.trawl.ranker.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one run compares with the baseline run on one metric, over the same queries.
 *
 * @param run name of the compared run
 * @param metric metric name
 * @param baselineMean the baseline's mean
 * @param mean the compared run's mean
 * @param wins queries where the run scores strictly higher than the baseline
 * @param losses queries where it scores strictly lower
 * @param ties queries where both score exactly the same
 * @param pValue two-sided p-value of the paired randomization test of the difference
 */
public record MetricComparison(
    String run,
    String metric,
    double baselineMean,
    double mean,
    int wins,
    int losses,
    int ties,
    double pValue) {
  public MetricComparison {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(metric, "metric");
  }

  /** {@code mean - baselineMean}. */
  public double delta() {
    return mean - baselineMean;
  }

  /** Whether {@link #pValue()} is below {@code alpha}. */
  public boolean significantAt(double alpha) {
    return pValue < alpha;
  }

  /** This comparison as a map of strings and numbers, ready for a JSON encoder (snake_case keys). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("run", run);
    map.put("metric", metric);
    map.put("baseline_mean", baselineMean);
    map.put("mean", mean);
    map.put("delta", delta());
    map.put("wins", wins);
    map.put("losses", losses);
    map.put("ties", ties);
    map.put("p_value", pValue);
    return map;
  }
}
