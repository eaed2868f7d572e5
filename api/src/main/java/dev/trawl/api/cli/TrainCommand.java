package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.query.SearchRequest;
import dev.trawl.ranker.eval.Metric;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.ModelStore;
import dev.trawl.ranker.model.RerankerModel;
import dev.trawl.ranker.train.LambdaMartTrainer;
import dev.trawl.ranker.train.ModelSelection;
import dev.trawl.ranker.train.RerankerTraining;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trawl train <beir-dir>}: trains the learned reranker of a BEIR dataset's collection and
 * stores it there, where searches pick it up.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train the learned reranker (LambdaMART, XGBoost) on a BEIR split and store it in the collection.",
        "Candidates come from the hybrid retriever; labels from qrels/<split>.tsv. Several objectives and",
        "pair-sampling settings are tried with early stopping; the best on the validation target is kept."})
public final class TrainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BEIR_DIR", description = "Dataset folder, e.g. ../shared/data/scifact.")
  Path dataset;

  @Option(names = "--split", defaultValue = "train", description = "Training qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--valid-split", paramLabel = "SPLIT",
      description = "Validation split (e.g. dev). Without it, --holdout of the training queries is held out.")
  String validSplit;

  @Option(names = "--holdout", defaultValue = "0.2",
      description = "Share of training queries held out for validation without --valid-split, greater than 0 and"
          + " less than 1 (default: ${DEFAULT-VALUE}).")
  double holdout;

  /** The forms --target takes, for its help and its error message. */
  static final String TARGETS = "recall@K, ndcg@K, p@K (precision), mrr@K, mrr (no cutoff), map; K >= 1";

  @Option(names = "--target", defaultValue = "recall@100",
      description = "Metric to select on: " + TARGETS + " (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--depth", defaultValue = "200",
      description = "Candidates per query, as reranked at serving time (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--grid", defaultValue = "default",
      description = {"Configurations to try: default (7), quick (2), or named ones, comma-separated, as",
          "objective/method@pairs[/dDEPTH][/etaETA], e.g. rank:ndcg/topk@100/d6/eta0.1 (default: ${DEFAULT-VALUE})."})
  String grid;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the hold-out draw and XGBoost (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-rounds", defaultValue = "0",
      description = "Cap on boosting rounds (trees) per configuration (default: the grid's, 300, with early stopping).")
  int maxRounds;

  @Option(names = "--eval-every", defaultValue = "10",
      description = "Rounds between validation checks (default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME",
      description = "Collection to train for (default: beir-<folder name>; indexed first if needed).")
  String collection;

  @Option(names = "--refit", negatable = true,
      description = {"After selection, retrain the kept configuration on training + validation queries together.",
          "Default: on when validation is held out of --split (so the model learns from the whole split), off with"
              + " --valid-split."})
  Boolean refit;

  @Option(names = "--no-save", description = "Train and report, but do not store the model.")
  boolean noSave;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    BeirDataset beir = BeirDataset.of(dataset);
    beir.requireSplit(spec, "--split", split);
    if (validSplit != null) {
      beir.requireSplit(spec, "--valid-split", validSplit);
    }
    warnIfTest();
    var config = new RerankerTraining.Config(split, validSplit, holdout, target, depth, grid, seed, evalEvery,
        maxRounds, refit);
    try (Engine engine = data.openEngine(chunking.collectionOptions())) {
      DocumentCollection c = engine.catalog().openOrCreate(beir.collectionName(collection));
      // Progress (indexing, candidates, each configuration's training) goes to stderr, as eval's does;
      // stdout holds the selection table, the kept model and the next steps.
      beir.ensureIndexed(c, System.err);
      FeatureExtractor extractor = new FeatureExtractor(TextAnalysis.englishAnalyzer());
      long t0 = System.nanoTime();
      RerankerTraining.Outcome outcome = RerankerTraining.run(c, engine.searcher(), extractor, dataset, beir.name(),
          config, System.err);
      printTrials(outcome.selection(), config.target());
      RerankerModel model = outcome.model();
      ModelSelection.Trial best = outcome.selection().best();
      System.out.printf(Locale.ROOT, "kept %s with %d rounds: validation %s = %.4f%s (training took %.0f s)%n",
          best.params().label(), best.result().rounds(), best.result().target(), best.result().targetValue(),
          config.refits() ? ", then refit on training + validation queries" : "", (System.nanoTime() - t0) / 1e9);
      if (!noSave) {
        Optional<String> previous = ModelStore.save(c.dir(), model);
        System.out.printf("model %s saved to %s (schema in %s)%n", model.tag(), ModelStore.modelFile(c.dir()),
            ModelStore.SCHEMA_FILE);
        previous.ifPresent(p -> System.out.println("previous model " + p + " kept in "
            + ModelStore.previousFolder(c.dir())));
        printNextSteps(c.name(), model.tag(), previous.isPresent());
      } else {
        System.out.println("model " + model.tag() + " not saved (--no-save): the collection's model is unchanged");
      }
    }
    return 0;
  }

  /**
   * Warns, on stderr, when a model is trained or selected on the split named test: its numbers on
   * that split would no longer measure anything it was not fitted to.
   */
  private void warnIfTest() {
    if ("test".equals(split) || "test".equals(validSplit)) {
      System.err.println("warning: " + ("test".equals(split) ? "training on" : "selecting the model on")
          + " the test split: evaluating the model on test (trawl eval --split test) then measures what it was"
          + " fitted to, not how it ranks unseen queries; train on train (and validate on dev) if the dataset has"
          + " them");
    }
  }

  /** What to do next: searches now rerank, how to turn it off, how to measure it, how to go back. */
  private void printNextSteps(String collectionName, String tag, boolean hasPrevious) {
    String dataOption = data.data == null ? "" : " --data " + data.data;
    String collectionOption = collection == null ? "" : " -c " + collection;
    System.out.println("next:");
    System.out.println("  searches on '" + collectionName + "' now rerank with " + tag + " by default (turn it off"
        + " per search with --no-rerank, or \"rerank\": false over HTTP)");
    System.out.println("  measure it:  ./trawl eval " + dataset + " -m hybrid,rerank" + collectionOption + dataOption);
    System.out.println("  " + (hasPrevious ? "go back:     ./trawl model -c " + collectionName + " --restore-previous"
        : "remove it:   ./trawl model -c " + collectionName + " --remove") + dataOption);
  }

  /**
   * Checks the options before the dataset is read or indexed.
   *
   * @throws picocli.CommandLine.ParameterException (a usage error) naming the option
   */
  private void checkOptions() {
    try {
      Metric.parse(target);
    } catch (IllegalArgumentException e) {
      throw OptionRange.usage(spec, "--target: invalid target '" + target + "'; use one of " + TARGETS);
    }
    OptionRange.require(spec, holdout > 0 && holdout < 1, "--holdout", "greater than 0 and less than 1",
        OptionRange.number(holdout));
    OptionRange.between(spec, "--depth", depth, 1, SearchRequest.MAX_DEPTH);
    OptionRange.atLeast(spec, "--eval-every", evalEvery, 1);
    OptionRange.atLeast(spec, "--max-rounds", maxRounds, 0);
    OptionRange.parse(spec, "--grid", grid, g -> ModelSelection.grid(g, seed, 10));
  }

  private static void printTrials(ModelSelection.Outcome outcome, String target) {
    List<String> metrics = new ArrayList<>();
    metrics.add(dev.trawl.ranker.eval.Metric.parse(target).name());
    for (String m : LambdaMartTrainer.REPORTED) {
      if (!metrics.contains(m)) {
        metrics.add(m);
      }
    }
    StringBuilder header = new StringBuilder(String.format("%-36s %7s", "configuration", "rounds"));
    for (String m : metrics) {
      header.append(String.format(" %11s", m));
    }
    System.out.println(header);
    for (ModelSelection.Trial t : outcome.trials()) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-36s %7d", t.params().label(),
          t.result().rounds()));
      for (String m : metrics) {
        row.append(String.format(Locale.ROOT, " %11.4f", t.result().validation().getOrDefault(m, Double.NaN)));
      }
      row.append(t == outcome.best() ? "  <- kept" : "");
      System.out.println(row);
    }
  }
}
