package dev.trawl.ranker.eval;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.rerank.Reranking;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every query of a BEIR split against an indexed collection, once per {@link RunSpec}
 * (retrieval mode, with or without the learned reranker), and scores the runs against the split's
 * qrels.
 *
 * <p>Two passes per run: an effectiveness pass that retrieves {@link Config#runDepth()}
 * documents per query (queries embedded in one batch) and writes a TREC run; and a latency
 * pass that times a default agent search (k=10, snippets) per query on one thread. Query vectors
 * come from the embedder's query cache in the latency pass (the effectiveness pass embedded them),
 * so it measures retrieval, fusion, reranking and hydration; the embedding is timed on its own
 * ({@link Latency#embed()}, a fresh model call per query).
 *
 * <p>A plain hybrid run never reranks, even when the collection has a model. A reranked run
 * retrieves at the serving depth ({@code max(}{@link SearchRequest#DEFAULT_DEPTH}{@code ,} the
 * reranker's depth{@code )}), as a default search does, and reranks that list; so that deep
 * metrics (Recall@1000, MAP) compare like with like, the run continues past it with the plain
 * hybrid run's documents at {@link Config#runDepth()} that it does not hold yet, in hybrid order
 * (a reranking cascade over a deep first stage). Its scores are positional. Its latency pass
 * also times the reranking stage alone ({@link Latency#stage()}).
 */
public final class BeirExperiment {
  /** The metrics reported for every run: nDCG@10, Recall@10/20/50/100/1000, MRR@10, MAP. */
  public static final List<String> METRICS =
      List.of("ndcg@10", "recall@10", "recall@20", "recall@50", "recall@100", "recall@1000", "mrr@10", "map");

  /**
   * @param split qrels split ({@code test}, {@code dev}, {@code train})
   * @param runs what to run, in order
   * @param runDepth documents per query in the run file
   * @param fusion hybrid fusion method
   * @param lexicalWeight weight of BM25 in linear fusion
   * @param ef hnswlib ef for vector search
   * @param runDir where run files are written (created if needed)
   * @param measureLatency whether to run the latency pass
   * @param rerankDepth documents the reranker reorders (for the serving depth of reranked runs)
   * @param latencyRepeats times each query is timed in the latency pass; its latency is the
   *     fastest, which filters out the pauses other processes cause on a shared machine (1: once)
   */
  public record Config(String split, List<RunSpec> runs, int runDepth, FusionMethod fusion,
      double lexicalWeight, int ef, Path runDir, boolean measureLatency, int rerankDepth, int latencyRepeats) {

    public Config {
      if (latencyRepeats < 1) {
        throw new IllegalArgumentException("latency repeats must be >= 1, got " + latencyRepeats);
      }
    }

    /** Each query timed once. */
    public Config(String split, List<RunSpec> runs, int runDepth, FusionMethod fusion, double lexicalWeight,
        int ef, Path runDir, boolean measureLatency, int rerankDepth) {
      this(split, runs, runDepth, fusion, lexicalWeight, ef, runDir, measureLatency, rerankDepth, 1);
    }

    /** Plain runs of the given modes (no reranking). */
    public Config(String split, List<SearchMode> modes, int runDepth, FusionMethod fusion, double lexicalWeight,
        int ef, Path runDir, boolean measureLatency) {
      this(split, modes.stream().map(RunSpec::of).toList(), runDepth, fusion, lexicalWeight, ef, runDir,
          measureLatency, SearchRequest.DEFAULT_DEPTH);
    }
  }

  /** Per-query latency percentiles of one measured step, in milliseconds. */
  public record Percentiles(int queries, double p50Millis, double p99Millis, double meanMillis) {
    static Percentiles of(double[] millis) {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      return new Percentiles(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
          Arrays.stream(sorted).average().orElse(0));
    }
  }

  /**
   * Per-query latency of default searches: the whole search (cached query vector), the reranking
   * stage alone (reranked runs; else null), and a fresh query embedding (null when the run embeds
   * nothing).
   */
  public record Latency(int queries, double p50Millis, double p99Millis, double meanMillis, Percentiles stage,
      Percentiles embed) {}

  /**
   * The outcome of one run.
   *
   * @param model the reranker model's id (e.g. {@code lambdamart-6dbeb57970}) of a reranked run;
   *     null for the others
   */
  public record ModeResult(RunSpec spec, EvalReport report, Run run, Path runFile, Latency latency, String model) {
    public SearchMode mode() {
      return spec.mode();
    }

    /** The run's kind, e.g. {@code hybrid} or {@code rerank}: the same for every model. */
    public String label() {
      return spec.label();
    }

    /**
     * The run's name in tables and reports: the label, and for a reranked run the model, e.g.
     * {@code rerank[lambdamart-6dbeb57970]}, so runs of different models are told apart.
     */
    public String name() {
      return model == null ? label() : label() + "[" + model + "]";
    }
  }

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
    for (RunSpec spec : config.runs()) {
      SearchMode mode = spec.mode();
      String fusion = mode == SearchMode.HYBRID ? "-" + config.fusion().name().toLowerCase() : "";
      Run.Builder run = Run.builder("trawl-" + spec.label() + fusion);
      Map<String, List<String>> reranked = new LinkedHashMap<>();
      ConsoleProgress progress = new ConsoleProgress(log, datasetName + " " + spec.label(), "queries", 5000);
      long t0 = System.nanoTime();
      String reranker = null;
      try (CollectionSnapshot snapshot = collection.snapshot()) {
        for (int i = 0; i < queries.size(); i++) {
          Query q = queries.get(i);
          SearchRequest request = effectivenessRequest(q.text(), spec, config);
          float[] vector = mode == SearchMode.LEXICAL ? null : vectors.get(i);
          HybridSearcher.Retrieved r = searcher.retrieve(snapshot, request, vector);
          if (spec.rerank()) {
            Reranking reranking = searcher.rerank(snapshot, request, vector, r, null);
            if (reranking.tag() == null && !r.fused().isEmpty()) {
              throw new IllegalStateException("run '" + spec.label() + "' needs a reranker model, but collection '"
                  + collection.name() + "' has none: train one with `trawl train` first");
            }
            reranker = reranking.tag() != null ? reranking.tag() : reranker;
            SearchRequest deep = effectivenessRequest(q.text(), RunSpec.HYBRID, config);
            reranked.put(q.id(), cascade(reranking.retrieved().fused(),
                searcher.retrieve(snapshot, deep, vector).fused(), config.runDepth()));
          } else {
            run.addQuery(q.id());
            List<Fused> fused = r.fused();
            for (int j = 0; j < Math.min(config.runDepth(), fused.size()); j++) {
              run.add(q.id(), fused.get(j).key(), fused.get(j).score());
            }
          }
          progress.onProgress(i + 1, queries.size(), 0, System.nanoTime() - t0);
        }
      }
      // A reranked run is named after its model, so that runs of different models do not overwrite each other.
      String tag = "trawl-" + spec.label() + (reranker == null ? "" : "-" + reranker) + fusion;
      Run built = spec.rerank() ? Run.fromRankings(tag, reranked) : run.build();
      Path runFile = config.runDir().resolve(datasetName + "-" + config.split() + "-" + tag + ".trec");
      built.writeTrec(runFile);
      EvalReport report = evaluator.evaluate(qrels, built);
      Latency latency = config.measureLatency() ? latency(collection, searcher, queries, spec, config) : null;
      results.add(new ModeResult(spec, report, built, runFile, latency, reranker));
      log.printf("%s %s done in %s%s; run written to %s%n", datasetName, spec.label(),
          ConsoleProgress.format(Duration.ofNanos(System.nanoTime() - t0)),
          reranker == null ? "" : " (reranker " + reranker + ")", runFile);
    }
    return results;
  }

  /** {@code head}, then the documents of {@code deep} it lacks, in order, up to {@code depth} in all. */
  static List<String> cascade(List<Fused> head, List<Fused> deep, int depth) {
    java.util.LinkedHashSet<String> docs = new java.util.LinkedHashSet<>();
    for (Fused f : head) {
      if (docs.size() == depth) {
        break;
      }
      docs.add(f.key());
    }
    for (Fused f : deep) {
      if (docs.size() == depth) {
        break;
      }
      docs.add(f.key());
    }
    return List.copyOf(docs);
  }

  /** The request of a run's effectiveness pass: the run's depth, or the serving depth when reranking. */
  static SearchRequest effectivenessRequest(String text, RunSpec spec, Config config) {
    SearchRequest base = request(text, spec, config).withSnippetTokens(0);
    if (spec.rerank()) {
      int depth = Math.max(SearchRequest.DEFAULT_DEPTH, config.rerankDepth());
      return base.withDepth(depth); // the run is the whole reordered fused list, not k hits
    }
    return base.withK(config.runDepth()).withDepth(config.runDepth());
  }

  private static SearchRequest request(String text, RunSpec spec, Config config) {
    return SearchRequest.of(text).withMode(spec.mode()).withFusion(config.fusion(), 60, config.lexicalWeight())
        .withEf(config.ef()).withRerank(spec.rerank())
        .withDepth(Math.max(SearchRequest.DEFAULT_DEPTH, spec.rerank() ? config.rerankDepth() : 0));
  }

  /** Trailing spaces per latency pass, so each pass's query embeddings miss the query cache. */
  private static final java.util.concurrent.atomic.AtomicInteger EMBED_SALT =
      new java.util.concurrent.atomic.AtomicInteger();

  private static Latency latency(DocumentCollection collection, HybridSearcher searcher, List<Query> queries,
      RunSpec spec, Config config) {
    int n = queries.size();
    double[] millis = new double[n];
    double[] stage = spec.rerank() ? new double[n] : null;
    double[] embed = spec.mode() == SearchMode.LEXICAL ? null : new double[n];
    String salt = " ".repeat(1 + EMBED_SALT.getAndIncrement());
    try (CollectionSnapshot snapshot = collection.snapshot()) {
      // Warm-up on a few queries so JIT compilation is not charged to the first ones.
      for (int i = 0; i < Math.min(20, n); i++) {
        searcher.search(snapshot, request(queries.get(i).text(), spec, config));
      }
      for (int i = 0; i < n; i++) {
        SearchRequest request = request(queries.get(i).text(), spec, config);
        millis[i] = Double.MAX_VALUE;
        for (int rep = 0; rep < config.latencyRepeats(); rep++) {
          long t0 = System.nanoTime();
          searcher.search(snapshot, request);
          millis[i] = Math.min(millis[i], (System.nanoTime() - t0) / 1e6);
        }
        if (stage != null) {
          float[] v = searcher.embedder().embedQuery(request.query());
          HybridSearcher.Retrieved r = searcher.retrieve(snapshot, request, v);
          stage[i] = Double.MAX_VALUE;
          for (int rep = 0; rep < config.latencyRepeats(); rep++) {
            long t1 = System.nanoTime();
            searcher.rerank(snapshot, request, v, r, null);
            stage[i] = Math.min(stage[i], (System.nanoTime() - t1) / 1e6);
          }
        }
        if (embed != null) {
          // Trailing spaces miss the query cache but tokenize to the same input: a fresh model call.
          embed[i] = Double.MAX_VALUE;
          for (int rep = 0; rep < config.latencyRepeats(); rep++) {
            long t2 = System.nanoTime();
            searcher.embedder().embedQuery(request.query() + salt + " ".repeat(rep * 64));
            embed[i] = Math.min(embed[i], (System.nanoTime() - t2) / 1e6);
          }
        }
      }
    }
    Percentiles all = Percentiles.of(millis);
    return new Latency(n, all.p50Millis(), all.p99Millis(), all.meanMillis(),
        stage == null ? null : Percentiles.of(stage), embed == null ? null : Percentiles.of(embed));
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
