package dev.trawl.ranker.train;

import dev.trawl.ranker.eval.EvalReport;
import dev.trawl.ranker.eval.Evaluator;
import dev.trawl.ranker.eval.Metric;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.feature.FeatureSchema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains one LambdaMART model with XGBoost and early stopping on a validation set scored with
 * Trawl's own metrics (so the target can be Recall@K, which XGBoost does not offer).
 *
 * <p>Every {@code evalEvery} rounds the validation queries are reranked by the model so far and
 * the target metric is computed against their qrels (queries whose relevant documents were not
 * retrieved count as they will at test time). A round is better than the best so far when its
 * target is higher, or equal with a higher tie-break metric ({@link #tieBreak}): Recall@K on a
 * few hundred queries moves in steps of one relevant document, so plain "higher" would keep the
 * first, barely trained round of a plateau. Training stops after {@code patience} rounds without
 * improvement; the model is then rebuilt with exactly the best number of rounds, which (same
 * data, parameters and seed) gives the same trees as the best iteration.
 *
 * <p>Training queries without a relevant candidate are left out: they have no pairs to learn from.
 */
public final class LambdaMartTrainer {
  /** The metrics reported for every trained model besides the target. */
  public static final List<String> REPORTED = List.of("ndcg@10", "recall@20", "recall@50", "recall@100");

  /** Differences below this are ties. */
  static final double EPSILON = 1e-9;

  /** The metric that breaks ties of {@code target}: nDCG@10, or Recall@100 when the target is nDCG@10. */
  public static String tieBreak(Metric target) {
    return target.name().equals("ndcg@10") ? "recall@100" : "ndcg@10";
  }

  /** Whether validation means {@code a} beat {@code b} on {@code target}, ties broken by {@link #tieBreak}. */
  public static boolean better(Map<String, Double> a, Map<String, Double> b, Metric target) {
    if (b == null || b.isEmpty()) {
      return true;
    }
    double d = a.get(target.name()) - b.get(target.name());
    if (Math.abs(d) > EPSILON) {
      return d > 0;
    }
    String tie = tieBreak(target);
    return a.getOrDefault(tie, 0.0) - b.getOrDefault(tie, 0.0) > EPSILON;
  }

  private final int evalEvery;

  /** @param evalEvery rounds between validation checks */
  public LambdaMartTrainer(int evalEvery) {
    if (evalEvery < 1) {
      throw new IllegalArgumentException("evalEvery must be >= 1");
    }
    this.evalEvery = evalEvery;
  }

  /**
   * A trained model.
   *
   * @param params the configuration
   * @param modelJson the XGBoost model with {@code rounds} trees, JSON
   * @param rounds boosting rounds kept (the best validation iteration)
   * @param stoppedAt rounds trained before early stopping
   * @param target the target metric's name
   * @param validation validation means of the target and {@link #REPORTED} at the kept round
   * @param curve validation target value every {@code evalEvery} rounds: {@code [round, value]}
   * @param seconds wall time of training (search and rebuild)
   */
  public record Result(LambdaMartParams params, byte[] modelJson, int rounds, int stoppedAt, String target,
      Map<String, Double> validation, List<double[]> curve, double seconds) {

    public double targetValue() {
      return validation.get(target);
    }
  }

  /**
   * @param train training queries
   * @param valid validation queries (disjoint from training)
   * @param validQrels judgments of exactly the validation queries
   * @param target the metric to select the iteration on
   * @param log progress, or null
   */
  public Result train(List<QueryCandidates> train, List<QueryCandidates> valid, Qrels validQrels,
      LambdaMartParams params, Metric target, PrintStream log) {
    long t0 = System.nanoTime();
    List<QueryCandidates> useful = train.stream().filter(QueryCandidates::hasRelevant).toList();
    valid = valid.stream().filter(q -> q.size() > 0).toList(); // the others score 0 whatever the model
    if (valid.isEmpty()) {
      throw new IllegalArgumentException("no validation query has candidates");
    }
    if (useful.isEmpty()) {
      throw new IllegalArgumentException("no training query has a relevant document among its candidates");
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(target.name());
    names.add(tieBreak(target));
    names.addAll(REPORTED);
    Evaluator evaluator = Evaluator.of(names.toArray(String[]::new));
    DMatrix dtrain = null;
    DMatrix dvalid = null;
    Booster booster = null;
    try {
      dtrain = matrix(useful, true);
      dvalid = matrix(valid, false);
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      watches.put("valid", dvalid); // cached, so each check predicts only the new trees
      booster = XGBoost.train(dtrain, params.toXgboost(), 0, watches, null, null);
      int bestRounds = 0;
      Map<String, Double> bestMetrics = Map.of();
      List<double[]> curve = new ArrayList<>();
      int round = 0;
      while (round < params.maxRounds()) {
        booster.update(dtrain, round);
        round++;
        if (round % evalEvery != 0 && round != params.maxRounds()) {
          continue;
        }
        EvalReport report = evaluate(booster, dvalid, valid, validQrels, evaluator);
        curve.add(new double[] {round, report.mean(target.name())});
        if (better(report.means(), bestMetrics, target)) {
          bestRounds = round;
          bestMetrics = report.means();
        }
        if (round - bestRounds >= params.patience()) {
          break;
        }
      }
      int stoppedAt = round;
      booster.dispose();
      booster = XGBoost.train(dtrain, params.toXgboost(), 0, Map.of(), null, null);
      for (int r = 0; r < bestRounds; r++) {
        booster.update(dtrain, r);
      }
      byte[] json = booster.toByteArray("json");
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (log != null) {
        log.printf(Locale.ROOT, "  %-34s %s=%.4f %s=%.4f at %d rounds (stopped at %d), %.0f s%n", params.label(),
            target.name(), bestMetrics.get(target.name()), tieBreak(target), bestMetrics.get(tieBreak(target)),
            bestRounds, stoppedAt, seconds);
      }
      return new Result(params, json, bestRounds, stoppedAt, target.name(), bestMetrics, curve, seconds);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (dtrain != null) {
        dtrain.dispose();
      }
      if (dvalid != null) {
        dvalid.dispose();
      }
    }
  }

  /**
   * Trains exactly {@code rounds} rounds on all of {@code queries}, without validation: the refit
   * of a selected configuration on the training and validation queries together.
   *
   * @return the XGBoost model, JSON
   */
  public byte[] fit(List<QueryCandidates> queries, LambdaMartParams params, int rounds) {
    List<QueryCandidates> useful = queries.stream().filter(QueryCandidates::hasRelevant).toList();
    if (useful.isEmpty() || rounds < 1) {
      throw new IllegalArgumentException("nothing to fit: no query with a relevant candidate, or no rounds");
    }
    DMatrix d = null;
    Booster booster = null;
    try {
      d = matrix(useful, true);
      booster = XGBoost.train(d, params.toXgboost(), 0, Map.of(), null, null);
      for (int r = 0; r < rounds; r++) {
        booster.update(d, r);
      }
      return booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (d != null) {
        d.dispose();
      }
    }
  }

  private static EvalReport evaluate(Booster booster, DMatrix dvalid, List<QueryCandidates> valid, Qrels qrels,
      Evaluator evaluator) throws XGBoostError {
    float[][] predictions = booster.predict(dvalid, true);
    float[] scores = new float[predictions.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = predictions[i][0];
    }
    return evaluator.evaluate(qrels, ScoredRuns.byScore("valid", valid, scores));
  }

  /** The queries' features as one XGBoost matrix, grouped by query, NaN = missing. */
  static DMatrix matrix(List<QueryCandidates> queries, boolean withLabels) throws XGBoostError {
    FeatureSchema schema = queries.isEmpty() ? null : queries.get(0).features().schema();
    int cols = schema == null ? 0 : schema.size();
    int rows = 0;
    for (QueryCandidates q : queries) {
      rows += q.size();
    }
    float[] data = new float[rows * cols];
    float[] labels = new float[rows];
    int[] groups = new int[queries.size()];
    int at = 0;
    for (int i = 0; i < queries.size(); i++) {
      QueryCandidates q = queries.get(i);
      System.arraycopy(q.features().values(), 0, data, at * cols, q.size() * cols);
      for (int j = 0; j < q.size(); j++) {
        labels[at + j] = q.labels()[j];
      }
      groups[i] = q.size();
      at += q.size();
    }
    DMatrix m = new DMatrix(data, rows, cols, Float.NaN);
    if (withLabels) {
      m.setLabel(labels);
    }
    m.setGroup(groups);
    return m;
  }
}
