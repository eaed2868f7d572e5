package dev.trawl.ranker.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One LambdaMART configuration for XGBoost.
 *
 * @param objective {@code rank:ndcg}, {@code rank:pairwise} or {@code rank:map}
 * @param pairMethod {@code topk} (pairs with a document in the top {@code numPairPerSample} of the
 *     current ranking: the truncation level) or {@code mean} ({@code numPairPerSample} random pairs
 *     per document)
 * @param numPairPerSample XGBoost's {@code lambdarank_num_pair_per_sample}
 * @param eta learning rate
 * @param maxDepth tree depth
 * @param minChildWeight minimum hessian in a leaf
 * @param subsample fraction of rows sampled per tree (seeded)
 * @param colsample fraction of features sampled per tree (seeded)
 * @param maxRounds most boosting rounds; early stopping usually ends sooner
 * @param patience rounds without a validation improvement before stopping
 * @param seed XGBoost's seed: same data, parameters and seed give the same model
 * @param threads XGBoost threads (part of determinism: keep it fixed)
 */
public record LambdaMartParams(String objective, String pairMethod, int numPairPerSample, double eta, int maxDepth,
    double minChildWeight, double subsample, double colsample, int maxRounds, int patience, long seed, int threads) {

  public LambdaMartParams {
    if (!objective.equals("rank:ndcg") && !objective.equals("rank:pairwise") && !objective.equals("rank:map")) {
      throw new IllegalArgumentException("objective must be rank:ndcg, rank:pairwise or rank:map, got " + objective);
    }
    if (!pairMethod.equals("topk") && !pairMethod.equals("mean")) {
      throw new IllegalArgumentException("pair method must be topk or mean, got " + pairMethod);
    }
    if (numPairPerSample < 1 || maxRounds < 1 || patience < 1 || threads < 1) {
      throw new IllegalArgumentException("pairs, rounds, patience and threads must be positive");
    }
  }

  /**
   * rank:ndcg, top-k pairs truncated at 100, eta 0.1, depth 6, at most 300 rounds: the starting
   * point. The round cap is a latency budget: scoring 200 candidates costs about 0.3 ms per 100
   * depth-6 trees on the 2-core reference machine, and reranking must stay within a quarter of a
   * hybrid search (see docs/BENCHMARKS.md).
   */
  public static LambdaMartParams defaults(long seed) {
    return new LambdaMartParams("rank:ndcg", "topk", 100, 0.1, 6, 1.0, 0.8, 0.8, 300, 100, seed, 2);
  }

  public LambdaMartParams withObjective(String obj, String method, int pairs) {
    return new LambdaMartParams(obj, method, pairs, eta, maxDepth, minChildWeight, subsample, colsample, maxRounds,
        patience, seed, threads);
  }

  public LambdaMartParams withTrees(double newEta, int depth, double childWeight) {
    return new LambdaMartParams(objective, pairMethod, numPairPerSample, newEta, depth, childWeight, subsample,
        colsample, maxRounds, patience, seed, threads);
  }

  public LambdaMartParams withRounds(int rounds, int newPatience) {
    return new LambdaMartParams(objective, pairMethod, numPairPerSample, eta, maxDepth, minChildWeight, subsample,
        colsample, rounds, newPatience, seed, threads);
  }

  public LambdaMartParams withSeed(long newSeed) {
    return new LambdaMartParams(objective, pairMethod, numPairPerSample, eta, maxDepth, minChildWeight, subsample,
        colsample, maxRounds, patience, newSeed, threads);
  }

  public LambdaMartParams withThreads(int n) {
    return new LambdaMartParams(objective, pairMethod, numPairPerSample, eta, maxDepth, minChildWeight, subsample,
        colsample, maxRounds, patience, seed, n);
  }

  /**
   * A configuration written {@code objective/method@pairs[/dDEPTH][/etaETA]}, e.g.
   * {@code rank:ndcg/topk@100/d4/eta0.1}; what it leaves out is taken from {@code base}.
   *
   * @throws IllegalArgumentException if {@code spec} is not of that form
   */
  public static LambdaMartParams parse(String spec, LambdaMartParams base) {
    String[] parts = spec.split("/");
    int at = parts.length < 2 ? -1 : parts[1].indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("configuration '" + spec
          + "' is not objective/method@pairs[/dDEPTH][/etaETA], e.g. rank:ndcg/topk@100/d6/eta0.1");
    }
    try {
      LambdaMartParams p = base.withObjective(parts[0], parts[1].substring(0, at),
          Integer.parseInt(parts[1].substring(at + 1)));
      for (int i = 2; i < parts.length; i++) {
        String part = parts[i];
        if (part.startsWith("eta")) {
          p = p.withTrees(Double.parseDouble(part.substring(3)), p.maxDepth(), p.minChildWeight());
        } else if (part.startsWith("d")) {
          p = p.withTrees(p.eta(), Integer.parseInt(part.substring(1)), p.minChildWeight());
        } else {
          throw new IllegalArgumentException("unknown part '" + part + "' in configuration '" + spec
              + "': use dDEPTH or etaETA");
        }
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration '" + spec + "' has a malformed number: " + e.getMessage(), e);
    }
  }

  /** A short label, e.g. {@code rank:ndcg/topk@100 d6 eta0.05}. */
  public String label() {
    return String.format(Locale.ROOT, "%s/%s@%d d%d eta%s", objective, pairMethod, numPairPerSample, maxDepth,
        trim(eta));
  }

  private static String trim(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** XGBoost's parameter map. */
  public Map<String, Object> toXgboost() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("objective", objective);
    p.put("lambdarank_pair_method", pairMethod);
    p.put("lambdarank_num_pair_per_sample", numPairPerSample);
    p.put("eta", eta);
    p.put("max_depth", maxDepth);
    p.put("min_child_weight", minChildWeight);
    p.put("subsample", subsample);
    p.put("colsample_bytree", colsample);
    p.put("tree_method", "hist");
    p.put("seed", seed);
    p.put("nthread", threads);
    p.put("verbosity", 0);
    return p;
  }

  /** As JSON-ready map (for the model's training record). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>(toXgboost());
    m.put("max_rounds", maxRounds);
    m.put("patience", patience);
    return m;
  }
}
