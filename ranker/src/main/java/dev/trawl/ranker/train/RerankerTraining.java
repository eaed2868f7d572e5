package dev.trawl.ranker.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.query.HybridSearcher;
import dev.trawl.ranker.eval.BeirQueries;
import dev.trawl.ranker.eval.Evaluator;
import dev.trawl.ranker.eval.Metric;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.RerankerModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The whole of {@code trawl train}: reads a BEIR split's queries and qrels, retrieves and
 * featurizes candidates, holds out validation queries when there is no validation split, selects
 * a LambdaMART configuration on the target metric, and returns the model with a record of how it
 * was trained (saving is the caller's, see {@code ModelStore}).
 */
public final class RerankerTraining {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param split the training split (qrels file name)
   * @param validSplit a validation split, or null to hold out {@code holdout} of the training queries
   * @param holdout fraction of training queries held out for validation when there is no validation split
   * @param target the selection metric, e.g. recall@100
   * @param depth candidates per query
   * @param grid the grid name of {@link ModelSelection#grid}
   * @param seed for the hold-out draw and XGBoost
   * @param evalEvery rounds between validation checks
   * @param maxRounds cap on boosting rounds (0: the grid's)
   * @param refit after selection, retrain the kept configuration with its round count on the
   *     training and validation queries together (null: when the validation queries were held out
   *     of the training split, so the model learns from the whole split)
   */
  public record Config(String split, String validSplit, double holdout, String target, int depth, String grid,
      long seed, int evalEvery, int maxRounds, Boolean refit) {
    public Config {
      if (holdout <= 0 || holdout >= 1) {
        throw new IllegalArgumentException("holdout must be in (0, 1), got " + holdout);
      }
      Metric.parse(target);
    }

    /** Whether to refit: as asked, else when validation was held out of the training split. */
    public boolean refits() {
      return refit != null ? refit : validSplit == null;
    }
  }

  /** A trained model, the selection trials, and the data it saw. */
  public record Outcome(RerankerModel model, ModelSelection.Outcome selection, int trainQueries, int validQueries) {}

  private RerankerTraining() {}

  public static Outcome run(DocumentCollection collection, HybridSearcher searcher, FeatureExtractor extractor,
      Path dataset, String datasetName, Config config, PrintStream log) throws IOException {
    Qrels trainQrels = Qrels.readBeirSplit(dataset, config.split());
    BeirQueries all = BeirQueries.read(dataset.resolve("queries.jsonl"));
    List<Query> trainQueries = all.forSplit(trainQrels);
    List<Query> validQueries;
    Qrels validQrels;
    String validation;
    if (config.validSplit() != null) {
      validQrels = Qrels.readBeirSplit(dataset, config.validSplit());
      validQueries = all.forSplit(validQrels);
      validation = "split " + config.validSplit();
    } else {
      List<List<Query>> parts = holdOut(trainQueries, config.holdout(), config.seed());
      trainQueries = parts.get(0);
      validQueries = parts.get(1);
      validQrels = restrict(trainQrels, validQueries);
      validation = String.format(Locale.ROOT, "%.0f%% of %s held out (seed %d)", config.holdout() * 100,
          config.split(), config.seed());
    }
    log.printf("%s: training on %,d %s queries, validating on %,d (%s), %d candidates each%n", datasetName,
        trainQueries.size(), config.split(), validQueries.size(), validation, config.depth());
    CandidateCollector collector = new CandidateCollector(searcher, extractor, config.depth());
    List<QueryCandidates> train;
    List<QueryCandidates> valid;
    try (CollectionSnapshot snapshot = collection.snapshot()) {
      train = collector.collect(snapshot, trainQueries, embed(searcher, trainQueries), trainQrels, log);
      valid = collector.collect(snapshot, validQueries, embed(searcher, validQueries), validQrels, log);
    }
    long useful = train.stream().filter(QueryCandidates::hasRelevant).count();
    log.printf("%,d of %,d training queries have a relevant document among their candidates%n", useful,
        train.size());
    Metric target = Metric.parse(config.target());
    Set<String> metrics = new java.util.LinkedHashSet<>();
    metrics.add(target.name());
    metrics.addAll(LambdaMartTrainer.REPORTED);
    Map<String, Double> hybrid = Evaluator.of(metrics.toArray(String[]::new))
        .evaluate(validQrels, ScoredRuns.fused("hybrid", valid)).means();
    log.printf("validation queries in hybrid order: %s%n", format(hybrid));
    List<LambdaMartParams> grid = ModelSelection.grid(config.grid(), config.seed(), cutoff(target));
    if (config.maxRounds() > 0) {
      grid = grid.stream().map(p -> p.withRounds(config.maxRounds(), Math.min(p.patience(), config.maxRounds())))
          .toList();
    }
    log.printf("selecting on validation %s over %d configurations:%n", target.name(), grid.size());
    ModelSelection.Outcome selection = new ModelSelection(new LambdaMartTrainer(config.evalEvery()))
        .select(train, valid, validQrels, grid, target, log);
    LambdaMartTrainer.Result best = selection.best().result();
    byte[] modelJson = best.modelJson();
    List<QueryCandidates> both = new ArrayList<>(train);
    both.addAll(valid);
    if (config.refits()) {
      log.printf("refitting %s with %d rounds on all %,d training and validation queries%n", best.params().label(),
          best.rounds(), both.size());
      modelJson = new LambdaMartTrainer(config.evalEvery()).fit(both, best.params(), best.rounds());
    }
    ObjectNode info = JSON.createObjectNode();
    info.put("dataset", datasetName);
    info.put("train_split", config.split());
    info.put("validation", validation);
    info.put("train_queries", train.size());
    info.put("valid_queries", valid.size());
    info.put("depth", config.depth());
    info.put("target", target.name());
    info.put("objective", best.params().objective());
    info.put("rounds", best.rounds());
    info.put("refit_queries", config.refits() ? both.size() : 0);
    info.set("params", JSON.valueToTree(best.params().describe()));
    info.set("validation_metrics", JSON.valueToTree(best.validation()));
    info.set("validation_hybrid", JSON.valueToTree(hybrid));
    ArrayNode trials = info.putArray("trials");
    for (ModelSelection.Trial t : selection.trials()) {
      ObjectNode o = trials.addObject();
      o.put("config", t.params().label());
      o.put("rounds", t.result().rounds());
      o.set("validation_metrics", JSON.valueToTree(t.result().validation()));
    }
    info.put("trained_at", Instant.now().toString());
    RerankerModel model = new RerankerModel(extractor.schema(), modelJson, info);
    return new Outcome(model, selection, train.size(), valid.size());
  }

  private static String format(Map<String, Double> means) {
    StringBuilder b = new StringBuilder();
    means.forEach((k, v) -> b.append(k).append('=').append(String.format(Locale.ROOT, "%.4f", v)).append(' '));
    return b.toString().strip();
  }

  /** The cutoff of a metric name such as {@code recall@100}; 10 when it has none. */
  static int cutoff(Metric m) {
    String n = m.name();
    int at = n.indexOf('@');
    return at < 0 ? 10 : Integer.parseInt(n.substring(at + 1));
  }

  private static List<float[]> embed(HybridSearcher searcher, List<Query> queries) {
    if (queries.isEmpty()) {
      return List.of();
    }
    return searcher.embedder().embedQueries(queries.stream().map(q -> q.text().isBlank() ? " " : q.text()).toList());
  }

  /**
   * Splits queries into {@code [train, validation]}: a seeded shuffle of the query ids (sorted
   * first, so file order does not matter) picks the validation share; both parts keep input order.
   */
  public static List<List<Query>> holdOut(List<Query> queries, double fraction, long seed) {
    List<String> ids = new ArrayList<>(queries.stream().map(Query::id).sorted(Comparator.naturalOrder()).toList());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = ids.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String tmp = ids.get(i);
      ids.set(i, ids.get(j));
      ids.set(j, tmp);
    }
    int n = (int) Math.round(queries.size() * fraction);
    Set<String> held = new HashSet<>(ids.subList(0, n));
    List<Query> train = new ArrayList<>();
    List<Query> valid = new ArrayList<>();
    for (Query q : queries) {
      (held.contains(q.id()) ? valid : train).add(q);
    }
    return List.of(List.copyOf(train), List.copyOf(valid));
  }

  /** The judgments of {@code queries} only. */
  public static Qrels restrict(Qrels qrels, List<Query> queries) {
    Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
    for (Query q : queries) {
      m.put(q.id(), qrels.judgments(q.id()));
    }
    return Qrels.of(m);
  }
}
