package dev.trawl.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.BulkIndexer;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.SearchMode;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.ranker.eval.BeirExperiment;
import dev.trawl.ranker.eval.RegressionExpectations;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trawl eval <beir-dir>}: indexes a BEIR dataset (once; reused while the document count
 * matches), runs a split's queries per mode, writes TREC runs, prints trec_eval-compatible
 * metrics and optionally checks them against regression files.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate retrieval on a BEIR dataset folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv).",
        "Metrics follow trec_eval: nDCG@10 (graded), Recall@10/20/50/100/1000, MRR@10, MAP; unjudged = not relevant."})
public final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BEIR_DIR", description = "Dataset folder, e.g. ../shared/data/scifact.")
  Path dataset;

  @Option(names = "--split", defaultValue = "test", description = "Qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = {"-m", "--mode"}, defaultValue = "lexical,vector,hybrid", split = ",",
      description = "Modes to run, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(names = "--fusion", defaultValue = "rrf", description = "Hybrid fusion: rrf or linear (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = "--lexical-weight", defaultValue = "0.5",
      description = "BM25 weight for --fusion linear (default: ${DEFAULT-VALUE}).")
  double lexicalWeight;

  @Option(names = "--ef", defaultValue = "128", description = "hnswlib ef (default: ${DEFAULT-VALUE}).")
  int ef;

  @Option(names = "--depth", defaultValue = "1000", description = "Documents per query in the run (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME",
      description = "Collection to index into and search (default: beir-<folder name>).")
  String collection;

  @Option(names = "--run-dir", defaultValue = "runs", description = "Where TREC run files go (default: ${DEFAULT-VALUE}).")
  Path runDir;

  @Option(names = "--no-latency", description = "Skip the per-query latency pass.")
  boolean noLatency;

  @Option(names = "--check", paramLabel = "DIR",
      description = "Regression folder with <dataset>-<split>-<mode>.json expectations; exit 3 if a metric regressed.")
  Path checkDir;

  @Option(names = "--write-expectations", paramLabel = "DIR",
      description = "Write the measured metrics as regression files into DIR.")
  Path writeDir;

  @Option(names = "--json", description = "Print the metrics as one JSON object on stdout (progress goes to stderr).")
  boolean json;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(dataset.resolve("corpus.jsonl"))) {
      throw new IllegalArgumentException(dataset + " is not a BEIR folder: corpus.jsonl is missing"
          + (Files.exists(Path.of("../shared/data")) ? " (datasets are in ../shared/data)" : ""));
    }
    String name = dataset.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    String collectionName = collection != null ? collection : "beir-" + name.replaceAll("[^a-z0-9_-]", "-");
    List<SearchMode> modeList = modes.stream().map(SearchMode::parse).toList();
    PrintStream log = json ? System.err : System.out;
    try (Engine engine = data.openEngine()) {
      DocumentCollection c = engine.catalog().openOrCreate(collectionName);
      ensureIndexed(c, dataset.resolve("corpus.jsonl"), log);
      var config = new BeirExperiment.Config(split, modeList, depth, FusionMethod.parse(fusion), lexicalWeight, ef,
          runDir, !noLatency);
      List<BeirExperiment.ModeResult> results = BeirExperiment.run(c, engine.searcher(), dataset, name, config, log);
      List<String> failures = new ArrayList<>();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dataset", name);
      out.put("split", split);
      out.put("collection", collectionName);
      Map<String, Object> byMode = new LinkedHashMap<>();
      for (var r : results) {
        Map<String, Object> m = new LinkedHashMap<>(r.report().means());
        m.put("queries", r.report().queryCount());
        if (r.latency() != null) {
          m.put("latency_p50_ms", round(r.latency().p50Millis()));
          m.put("latency_p99_ms", round(r.latency().p99Millis()));
        }
        m.put("run_file", r.runFile().toString());
        byMode.put(r.mode().label(), m);
        String label = name + "-" + split + "-" + r.mode().label();
        if (checkDir != null) {
          Path file = checkDir.resolve(label + ".json");
          if (Files.exists(file)) {
            failures.addAll(RegressionExpectations.read(file).check(r.report()));
          } else {
            log.println("no regression file " + file + " (skipped)");
          }
        }
        if (writeDir != null) {
          Files.createDirectories(writeDir);
          var exp = RegressionExpectations.fromReport(name, r.mode().label(), split, r.report(),
              RegressionExpectations.DEFAULT_TOLERANCE);
          Files.writeString(writeDir.resolve(label + ".json"), exp.toJson());
        }
      }
      out.put("modes", byMode);
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(out));
      } else {
        printTable(results);
      }
      if (!failures.isEmpty()) {
        System.err.println("REGRESSION:");
        failures.forEach(f -> System.err.println("  " + f));
        return 3;
      }
      if (checkDir != null) {
        log.println("regression check passed");
      }
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void ensureIndexed(DocumentCollection c, Path corpus, PrintStream log) throws Exception {
    List<SourceDocument> docs = JsonlDocumentReader.readAll(corpus);
    long have = c.stats().documents();
    if (have == docs.size()) {
      log.printf("collection '%s' already holds the %,d documents of %s; reusing it%n", c.name(), have, corpus);
      return;
    }
    log.printf("indexing %,d documents from %s into '%s'%n", docs.size(), corpus, c.name());
    var report = new BulkIndexer().index(c, docs, new ConsoleProgress(log, "indexing", 5000));
    log.println(report.describe());
  }

  private static void printTable(List<BeirExperiment.ModeResult> results) {
    StringBuilder header = new StringBuilder(String.format("%-10s", "mode"));
    for (String m : BeirExperiment.METRICS) {
      header.append(String.format(" %11s", m));
    }
    header.append(String.format(" %9s %9s", "p50 ms", "p99 ms"));
    System.out.println(header);
    for (var r : results) {
      StringBuilder row = new StringBuilder(String.format("%-10s", r.mode().label()));
      for (String m : BeirExperiment.METRICS) {
        row.append(String.format(" %11.4f", r.report().mean(m)));
      }
      if (r.latency() != null) {
        row.append(String.format(" %9.2f %9.2f", r.latency().p50Millis(), r.latency().p99Millis()));
      }
      System.out.println(row);
    }
  }
}
