package dev.trawl.ranker.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores a {@link Run} against {@link Qrels} with a fixed list of metrics, per query and on
 * average, with the semantics of {@code trec_eval -c}.
 *
 * <h2>Which queries count</h2>
 *
 * <ul>
 *   <li>The evaluated queries are those of the qrels, in qrels order. Run queries that have no
 *       judgments are ignored.
 *   <li>A qrels query missing from the run (or with an empty list) is scored on an empty ranking:
 *       0 for every metric here, and it counts in the mean. This is {@code trec_eval -c}; plain
 *       {@code trec_eval} would drop the query and so reward a run for failing on it.
 *   <li>A qrels query whose judgments are all non-relevant (grade {@code <= 0}) scores 0 on every
 *       metric and, by default ({@link NoRelevantPolicy#SCORE_ZERO}), counts in the mean: {@code
 *       trec_eval -c} divides by the number of query ids in the qrels file, whatever their
 *       grades. {@link NoRelevantPolicy#SKIP} leaves such queries out of the table and the mean
 *       instead; numbers computed that way do not match {@code trec_eval}. (Standard BEIR qrels
 *       have no such query, so both policies agree on them.)
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Evaluator {
  /** What to do with a judged query that has no relevant document. */
  public enum NoRelevantPolicy {
    /** Score it 0 on every metric and count it in the mean, as {@code trec_eval -c} does. */
    SCORE_ZERO,
    /** Leave it out of the per-query table and the mean. */
    SKIP
  }

  private final List<Metric> metrics;
  private final NoRelevantPolicy noRelevantPolicy;

  /**
   * An evaluator with {@code trec_eval -c} semantics ({@link NoRelevantPolicy#SCORE_ZERO}).
   *
   * @throws IllegalArgumentException if {@code metrics} is empty or two metrics share a name
   */
  public Evaluator(List<? extends Metric> metrics) {
    this(metrics, NoRelevantPolicy.SCORE_ZERO);
  }

  /**
   * @throws IllegalArgumentException if {@code metrics} is empty or two metrics share a name
   */
  public Evaluator(List<? extends Metric> metrics, NoRelevantPolicy noRelevantPolicy) {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("no metrics");
    }
    Set<String> names = new HashSet<>();
    for (Metric m : metrics) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("metric " + m.name() + " given twice");
      }
    }
    this.metrics = List.copyOf(metrics);
    this.noRelevantPolicy = Objects.requireNonNull(noRelevantPolicy, "noRelevantPolicy");
  }

  /** An evaluator for metric names as {@link Metric#parse(String)} reads them. */
  public static Evaluator of(String... metricNames) {
    List<Metric> metrics = new ArrayList<>();
    for (String name : metricNames) {
      metrics.add(Metric.parse(name));
    }
    return new Evaluator(metrics);
  }

  /** The metrics, in column order. */
  public List<Metric> metrics() {
    return metrics;
  }

  public NoRelevantPolicy noRelevantPolicy() {
    return noRelevantPolicy;
  }

  /**
   * Scores {@code run} against {@code qrels}.
   *
   * @return per-query values for every evaluated query (see the class comment), and their means;
   *     all means are 0 if no query is evaluated
   */
  public EvalReport evaluate(Qrels qrels, Run run) {
    List<String> names = metrics.stream().map(Metric::name).toList();
    Map<String, Map<String, Double>> perQuery = new LinkedHashMap<>();
    double[] sums = new double[metrics.size()];
    List<String> missing = new ArrayList<>();
    for (String qid : qrels.queryIds()) {
      if (noRelevantPolicy == NoRelevantPolicy.SKIP && qrels.relevantCount(qid) == 0) {
        continue;
      }
      if (run.entries(qid).isEmpty()) {
        missing.add(qid);
      }
      List<String> ranking = run.rankedDocIds(qid);
      Map<String, Integer> judgments = qrels.judgments(qid);
      Map<String, Double> row = new LinkedHashMap<>();
      for (int m = 0; m < metrics.size(); m++) {
        double value = metrics.get(m).score(ranking, judgments);
        row.put(names.get(m), value);
        sums[m] += value;
      }
      perQuery.put(qid, row);
    }
    Map<String, Double> means = new LinkedHashMap<>();
    for (int m = 0; m < metrics.size(); m++) {
      means.put(names.get(m), perQuery.isEmpty() ? 0.0 : sums[m] / perQuery.size());
    }
    return new EvalReport(names, perQuery, means, missing);
  }
}
