package dev.trawl.ranker.eval;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.FusionMethod;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every query of a BEIR split against an indexed collection, once per retrieval mode,
 * and scores the runs against the split's qrels.
 *
 * <p>Two passes per mode: an effectiveness pass that retrieves {@link Config#runDepth()}
 * documents per query (queries embedded in one batch) and writes a TREC run; and a latency
 * pass that times a default agent search (k=10, snippets) per query on one thread. Query
 * vectors come from the embedder's query cache when it has one (they were computed in the first
 * pass), so the latency pass measures retrieval, fusion and hydration, not embedding.
 */
public final class BeirExperiment {
  /** The metrics reported for every run: nDCG@10, Recall@10/20/50/100/1000, MRR@10, MAP. */
  public static final List<String> METRICS =
      List.of("ndcg@10", "recall@10", "recall@20", "recall@50", "recall@100", "recall@1000", "mrr@10", "map");

  /**
   * @param split qrels split ({@code test}, {@code dev}, {@code train})
   * @param modes retrieval modes to run
   * @param runDepth documents per query in the run file
   * @param fusion hybrid fusion method
   * @param lexicalWeight weight of BM25 in linear fusion
   * @param ef hnswlib ef for vector search
   * @param runDir where run files are written (created if needed)
   * @param measureLatency whether to run the latency pass
   */
  public record Config(String split, List<SearchMode> modes, int runDepth, FusionMethod fusion,
      double lexicalWeight, int ef, Path runDir, boolean measureLatency) {}

  /** Per-query latency of default searches. */
  public record Latency(int queries, double p50Millis, double p99Millis, double meanMillis) {}

  /** The outcome of one mode. */
  public record ModeResult(SearchMode mode, EvalReport report, Run run, Path runFile, Latency latency) {}

  private BeirExperiment() {}

  public static List<ModeResult> run(DocumentCollection collection, HybridSearcher searcher, Path datasetDir,
      String datasetName, Config config, PrintStream log) throws IOException {
    Qrels qrels = Qrels.readBeirSplit(datasetDir, config.split());
    List<Query> queries = BeirQueries.readSplit(datasetDir, config.split());
    log.printf("%s/%s: %,d queries, %,d judgments%n", datasetName, config.split(), queries.size(), qrels.size());
    List<String> texts = queries.stream().map(Query::text).toList();
    long te = System.nanoTime();
    List<float[]> vectors = searcher.embedder().embedQueries(texts);
    log.printf("embedded %,d queries in %.1f s%n", texts.size(), (System.nanoTime() - te) / 1e9);
    Files.createDirectories(config.runDir());
    Evaluator evaluator = Evaluator.of(METRICS.toArray(String[]::new));
    List<ModeResult> results = new ArrayList<>();
    for (SearchMode mode : config.modes()) {
      String tag = "trawl-" + mode.label() + (mode == SearchMode.HYBRID ? "-" + config.fusion().name().toLowerCase() : "");
      Run.Builder run = Run.builder(tag);
      ConsoleProgress progress = new ConsoleProgress(log, datasetName + " " + mode.label(), "queries", 5000);
      long t0 = System.nanoTime();
      try (CollectionSnapshot snapshot = collection.snapshot()) {
        for (int i = 0; i < queries.size(); i++) {
          Query q = queries.get(i);
          SearchRequest request = request(q.text(), mode, config).withK(config.runDepth())
              .withDepth(config.runDepth()).withSnippetTokens(0);
          HybridSearcher.Retrieved r = searcher.retrieve(snapshot, request,
              mode == SearchMode.LEXICAL ? null : vectors.get(i));
          run.addQuery(q.id());
          List<Fused> fused = r.fused();
          for (int j = 0; j < Math.min(config.runDepth(), fused.size()); j++) {
            run.add(q.id(), fused.get(j).key(), fused.get(j).score());
          }
          progress.onProgress(i + 1, queries.size(), 0, System.nanoTime() - t0);
        }
      }
      Run built = run.build();
      Path runFile = config.runDir().resolve(datasetName + "-" + config.split() + "-" + tag + ".trec");
      built.writeTrec(runFile);
      EvalReport report = evaluator.evaluate(qrels, built);
      Latency latency = config.measureLatency() ? latency(collection, searcher, queries, mode, config) : null;
      results.add(new ModeResult(mode, report, built, runFile, latency));
      log.printf("%s %s done in %s; run written to %s%n", datasetName, mode.label(),
          ConsoleProgress.format(Duration.ofNanos(System.nanoTime() - t0)), runFile);
    }
    return results;
  }

  private static SearchRequest request(String text, SearchMode mode, Config config) {
    return SearchRequest.of(text).withMode(mode).withFusion(config.fusion(), 60, config.lexicalWeight())
        .withEf(config.ef());
  }

  private static Latency latency(DocumentCollection collection, HybridSearcher searcher, List<Query> queries,
      SearchMode mode, Config config) {
    double[] millis = new double[queries.size()];
    try (CollectionSnapshot snapshot = collection.snapshot()) {
      // Warm-up on a few queries so JIT compilation is not charged to the first ones.
      for (int i = 0; i < Math.min(20, queries.size()); i++) {
        searcher.search(snapshot, request(queries.get(i).text(), mode, config));
      }
      for (int i = 0; i < queries.size(); i++) {
        long t0 = System.nanoTime();
        searcher.search(snapshot, request(queries.get(i).text(), mode, config));
        millis[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Latency(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
        Arrays.stream(sorted).average().orElse(0));
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }
}
