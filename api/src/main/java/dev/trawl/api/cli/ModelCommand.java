package dev.trawl.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.Engine;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.ModelStore;
import dev.trawl.ranker.model.RerankerModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trawl model -c NAME}: shows a collection's learned reranker model and the previous one
 * kept next to it; {@code --restore-previous} swaps the two, {@code --remove} takes the model out
 * of use (keeping it as the previous one). See {@link ModelStore} for the files.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = {"Show a collection's learned reranker model, go back to the previous one, or remove it.",
        "`trawl train` keeps the model it replaces in <collection>/models/previous/ (one generation)."
            + " --restore-previous swaps the two (run it again to undo); --remove moves the model there, and searches"
            + " on the collection then serve hybrid order. Stop a running `trawl serve` on the same data folder"
            + " first."})
public final class ModelCommand implements Callable<Integer> {
  @Option(names = {"-c", "--collection"}, paramLabel = "NAME", required = true,
      description = "The collection, e.g. beir-scifact.")
  String collection;

  @ArgGroup(exclusive = true)
  Action action;

  static final class Action {
    @Option(names = "--restore-previous", required = true,
        description = "Use the previous model again; the current one becomes the previous.")
    boolean restorePrevious;

    @Option(names = "--remove", required = true,
        description = "Stop reranking this collection; the model is kept as the previous one.")
    boolean remove;
  }

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    try (Engine engine = data.openExisting()) {
      if (!engine.catalog().exists(collection)) {
        throw new IllegalArgumentException("no collection named '" + collection + "' in "
            + engine.catalog().dataDir() + " (list them with: trawl collections)");
      }
      Path dir = Catalog.folder(engine.catalog().dataDir(), collection);
      if (action != null && action.restorePrevious) {
        Optional<String> was = ModelStore.tag(ModelStore.folder(dir));
        String now = ModelStore.restorePrevious(dir);
        System.out.println("collection '" + collection + "' now reranks with " + now
            + was.map(t -> "; " + t + " is kept as the previous model (run this again to go back to it)")
                .orElse(""));
      } else if (action != null && action.remove) {
        Optional<String> removed = ModelStore.remove(dir);
        if (removed.isEmpty()) {
          throw new IllegalArgumentException("collection '" + collection + "' has no model to remove");
        }
        System.out.println("removed " + removed.get() + " from collection '" + collection + "': searches serve hybrid"
            + " order; it is kept in " + ModelStore.previousFolder(dir) + " (bring it back with: trawl model -c "
            + collection + " --restore-previous)");
      } else {
        show(dir);
      }
    }
    return 0;
  }

  /** Prints the model (id, how it was trained, whether this Trawl can use it) and the previous one. */
  private void show(Path dir) throws Exception {
    System.out.println("collection " + collection);
    Optional<String> tag = ModelStore.tag(ModelStore.folder(dir));
    if (tag.isEmpty()) {
      System.out.println("model      - (searches serve hybrid order; train one with: trawl train BEIR_DIR -c "
          + collection + ")");
    } else {
      System.out.println("model      " + tag.get() + " (" + ModelStore.modelFile(dir) + ")");
      try {
        RerankerModel model = ModelStore.load(dir).orElseThrow();
        new LearnedReranker(new FeatureExtractor(TextAnalysis.englishAnalyzer()), model, 1); // checks the features
        System.out.println("trained    " + describe(model.training()));
        System.out.println("features   " + model.schema().size() + ", all computed by this version of Trawl");
      } catch (RuntimeException e) {
        System.out.println("unusable   " + e.getMessage());
      }
    }
    Optional<String> previous = ModelStore.tag(ModelStore.previousFolder(dir));
    System.out.println("previous   " + previous.map(t -> t + " (" + ModelStore.previousFolder(dir)
        + "; use it again with --restore-previous)").orElse("-"));
  }

  /** One line from a model's training record, e.g. {@code 2026-11-27 08:14:09 UTC, scifact split train (647 ...}. */
  static String describe(JsonNode t) {
    if (t == null || t.isEmpty()) {
      return "(no training record)";
    }
    StringBuilder b = new StringBuilder();
    String when = t.path("trained_at").asText("?");
    b.append(when.replaceFirst("^(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2}:\\d{2})[.0-9]*Z$", "$1 $2 UTC"))
        .append(", ").append(t.path("dataset").asText("?")).append(" split ")
        .append(t.path("train_split").asText("?")).append(" (").append(t.path("train_queries").asInt())
        .append(" queries; validation: ").append(t.path("validation").asText("?")).append("), ")
        .append(t.path("objective").asText("?")).append(", ").append(t.path("rounds").asInt()).append(" rounds");
    String target = t.path("target").asText(null);
    if (target != null && t.path("validation_metrics").has(target)) {
      b.append(String.format(Locale.ROOT, ", validation %s %.4f", target,
          t.path("validation_metrics").path(target).asDouble()));
      if (t.path("validation_hybrid").has(target)) {
        b.append(String.format(Locale.ROOT, " (hybrid %.4f)", t.path("validation_hybrid").path(target).asDouble()));
      }
    }
    return b.toString();
  }
}
