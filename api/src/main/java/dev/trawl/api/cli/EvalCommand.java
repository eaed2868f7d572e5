package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.ranker.eval.BeirExperiment;
import dev.trawl.ranker.eval.ComparisonReport;
import dev.trawl.ranker.eval.EvalReport;
import dev.trawl.ranker.eval.Evaluator;
import dev.trawl.ranker.eval.PairedRandomizationTest;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.RegressionCheck;
import dev.trawl.ranker.eval.RegressionExpectations;
import dev.trawl.ranker.eval.Run;
import dev.trawl.ranker.eval.RunComparison;
import dev.trawl.ranker.eval.RunSpec;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.CollectionRerankers;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.ModelStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trawl eval <beir-dir>}: indexes a BEIR dataset (once; reused while the document count
 * matches), runs a split's queries per mode (reranked included), writes TREC runs, prints
 * trec_eval-compatible metrics, compares the runs (per-query wins/losses, paired randomization
 * p-values), optionally writes an HTML report and checks regression files. With {@code --runs}
 * it compares existing run files instead.
 *
 * <p>Everything that can be checked cheaply is checked before the dataset is indexed: option
 * values, the split's qrels, paths, the rerank model and the regression folder. Stdout holds the
 * results only (a header line, the tables, the regression check; with {@code --json}, the JSON
 * alone); progress, each run's coverage of the judged queries and warnings go to stderr.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate and compare retrieval runs on a BEIR dataset folder (corpus.jsonl, queries.jsonl,"
        + " qrels/<split>.tsv).",
        "Metrics follow trec_eval -c: nDCG@10 (graded), Recall@10/20/50/100/1000, MRR@10, MAP; unjudged = not"
            + " relevant; a judged query missing from a run scores 0.",
        "Two or more runs are compared with the baseline: mean deltas, per-query wins/losses/ties, p-values."})
public final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BEIR_DIR", description = "Dataset folder, e.g. ../shared/data/scifact.")
  Path dataset;

  @Option(names = "--split", defaultValue = "test", description = "Qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = {"-m", "--mode"}, defaultValue = "lexical,vector,hybrid", split = ",",
      description = {"Runs, comma-separated: lexical, vector, hybrid, rerank (hybrid + the learned reranker)",
          "(default: ${DEFAULT-VALUE})."})
  List<String> modes;

  @Option(names = "--runs", paramLabel = "FILE", split = ",",
      description = "Compare these TREC run files instead of running queries (no index needed).")
  List<Path> runFiles;

  @Option(names = "--baseline", paramLabel = "RUN",
      description = "Run the others are compared with (default: hybrid if present, else the first).")
  String baseline;

  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Write a self-contained HTML comparison (Recall@K curves, per-query wins/losses).")
  Path report;

  @Option(names = "--fusion", defaultValue = "rrf", description = "Hybrid fusion: rrf or linear (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = "--lexical-weight", defaultValue = "0.5",
      description = "BM25 weight for --fusion linear (default: ${DEFAULT-VALUE}).")
  double lexicalWeight;

  @Option(names = "--ef", defaultValue = "128", description = "hnswlib ef (default: ${DEFAULT-VALUE}).")
  int ef;

  @Option(names = "--depth", defaultValue = "1000", description = "Documents per query in the run (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--rerank-depth", defaultValue = "" + LearnedReranker.DEFAULT_DEPTH,
      description = "Documents the reranker reorders (default: ${DEFAULT-VALUE}).")
  int rerankDepth;

  @Option(names = "--model", paramLabel = "DIR",
      description = "Rerank with the model in DIR (a collection folder, or any folder holding reranker.json) instead of the"
          + " collection's own, e.g. for cross-dataset checks.")
  Path modelDir;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME",
      description = "Collection to index into and search (default: beir-<folder name>).")
  String collection;

  @Option(names = "--run-dir", defaultValue = "runs", description = "Where TREC run files go (default: ${DEFAULT-VALUE}).")
  Path runDir;

  @Option(names = "--no-latency", description = "Skip the per-query latency pass.")
  boolean noLatency;

  @Option(names = "--latency-repeats", defaultValue = "1",
      description = "Time each query N times and keep the fastest (filters out pauses caused by other processes"
          + " on a shared machine; default: ${DEFAULT-VALUE}).")
  int latencyRepeats;

  @Option(names = "--check", paramLabel = "DIR",
      description = "Regression folder with <dataset>-<split>-<mode>.json expectations; exit 3 if a metric is worse"
          + " than expected by more than its tolerance (better is reported, not failed). A missing folder is a usage"
          + " error; a folder with no file for any of the runs fails (exit 1).")
  Path checkDir;

  @Option(names = "--write-expectations", paramLabel = "DIR",
      description = "Write the measured metrics as regression files (<dataset>-<split>-<mode>.json, what --check"
          + " reads) into DIR, replacing those there.")
  Path writeDir;

  @Option(names = "--json", description = "Print the metrics as one JSON object on stdout (progress goes to stderr).")
  boolean json;

  @Option(names = "--seed", defaultValue = "20240601",
      description = "Seed of the randomization test (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  /** One line per reranked run for the report: which model reordered it. */
  private final List<String> runNotes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<RunSpec> specs = checkOptions();
    BeirDataset beir = BeirDataset.of(dataset);
    beir.requireSplit(spec, "--split", split);
    checkPaths();
    RegressionCheck check = regressionCheck(beir, specs);
    Path models = rerankModels(beir, specs);
    PrintStream log = System.err; // progress, notes and warnings: stdout holds only the results
    PrintStream results = json ? System.err : System.out; // with --json, stdout holds the JSON alone
    Qrels qrels = Qrels.readBeirSplit(dataset, split);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataset", beir.name());
    out.put("split", split);
    out.put("queries", qrels.queryCount());
    out.put("judgments", qrels.size());
    SequencedMap<String, Run> runs = new LinkedHashMap<>();
    SequencedMap<String, EvalReport> reports = new LinkedHashMap<>();
    List<BeirExperiment.ModeResult> made = List.of();
    if (hasRunFiles()) {
      Evaluator evaluator = Evaluator.of(BeirExperiment.METRICS.toArray(String[]::new));
      Map<String, Object> byRun = new LinkedHashMap<>();
      for (Path f : runFiles) {
        String name = runName(f);
        Run run = Run.readTrec(f);
        EvalReport r = evaluator.evaluate(qrels, run);
        runs.put(name, run);
        reports.put(name, r);
        Map<String, Object> m = new LinkedHashMap<>(r.means());
        m.put("queries", r.queryCount());
        m.put("run_file", f.toString());
        byRun.put(name, m);
      }
      out.put("runs", byRun);
    } else {
      made = runQueries(beir, specs, models, log, out);
      for (var r : made) {
        runs.put(r.name(), r.run()); // rerank[lambdamart-...]: the tables and the report name the model
        reports.put(r.label(), r.report()); // the regression check finds files by label
      }
    }
    out.put("coverage", coverage(qrels, reports));
    results.println(header(beir, qrels));
    if (!made.isEmpty()) {
      printTable(results, made);
    } else if (runs.size() == 1) {
      results.print(reports.firstEntry().getValue().toTable());
    }
    if (runs.size() >= 2) {
      RunComparison comparison = compare(qrels, runs);
      out.put("comparison", comparison.toMap());
      if (!made.isEmpty()) {
        results.println(); // after the table of means
      }
      results.println("compared with " + comparison.baseline() + " (paired randomization test, "
          + PairedRandomizationTest.DEFAULT_PERMUTATIONS + " permutations):");
      results.print(comparison.toTable());
      if (report != null) {
        ComparisonReport.write(report, beir.name() + " " + split + ": " + String.join(" vs ", runs.keySet()),
            reportNotes(), qrels, runs, comparison);
        log.println("report written to " + report);
      }
    }
    Map<String, String> modelsByRun = new LinkedHashMap<>();
    made.stream().filter(r -> r.model() != null).forEach(r -> modelsByRun.put(r.label(), r.model()));
    RegressionCheck.Result checked = check == null ? null : check.check(reports, modelsByRun);
    if (checked != null) {
      out.put("regression_check", checked.toMap());
    }
    if (json) {
      JsonOutput.print(out);
    }
    if (checked != null) {
      checked.modelChanges().forEach(note -> log.println("note: " + note));
    }
    return checked == null ? 0 : printCheck(check, checked, results);
  }

  /**
   * The line above the results: what was scored and how, e.g. {@code scifact test: 300 queries,
   * 339 judgments | trec_eval conventions (unjudged = not relevant; queries without a result score
   * 0)}.
   */
  private String header(BeirDataset beir, Qrels qrels) {
    return String.format(Locale.ROOT, "%s %s: %,d queries, %,d judgments | trec_eval conventions (unjudged = not"
        + " relevant; queries without a result score 0)", beir.name(), split, qrels.queryCount(), qrels.size());
  }

  /**
   * Reports, on stderr, how many of the split's judged queries each run has results for, and
   * warns when it is not all of them: a missing query scores 0 on every metric and counts in the
   * mean ({@code trec_eval -c}), so a partial run looks worse than it ranks.
   *
   * @return per run, {@code {"covered": n, "judged": m}}, for --json
   * @throws IllegalStateException if a run covers none of the judged queries: every metric would
   *     be 0, which almost always means the run was made for another split or other qrels
   */
  private Map<String, Object> coverage(Qrels qrels, SequencedMap<String, EvalReport> reports) {
    Map<String, Object> byRun = new LinkedHashMap<>();
    int judged = qrels.queryCount();
    for (var e : reports.entrySet()) {
      int covered = e.getValue().queryCount() - e.getValue().missingFromRun().size();
      System.err.printf("run %s: covers %,d of %,d judged queries%n", e.getKey(), covered, judged);
      if (covered == 0 && judged > 0) {
        throw new IllegalStateException("run " + e.getKey() + " has results for none of the " + judged + " judged"
            + " queries of " + dataset + " split '" + split + "', so every metric would be 0: was it made for"
            + " another split or other qrels? Give the split it was made for with --split");
      }
      if (covered < judged) {
        System.err.printf("warning: run %s has no results for %,d of the %,d judged queries; they score 0 on every"
            + " metric and count in the means (the trec_eval -c convention)%n", e.getKey(), judged - covered, judged);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("covered", covered);
      m.put("judged", judged);
      byRun.put(e.getKey(), m);
    }
    return byRun;
  }

  /**
   * The check of --check, made before any work: its folder must exist (a usage error otherwise)
   * and hold the regression file of at least one run (a failure otherwise), so that a mistyped or
   * empty folder cannot make a CI gate pass without checking anything.
   *
   * @return null without --check
   */
  private RegressionCheck regressionCheck(BeirDataset beir, List<RunSpec> specs) {
    if (checkDir == null) {
      return null;
    }
    if (!Files.isDirectory(checkDir)) {
      throw OptionRange.usage(spec, "--check: no such folder: " + checkDir
          + (Files.isDirectory(Path.of("bench", "regressions")) ? " (Trawl's own are in bench/regressions)" : ""));
    }
    RegressionCheck check = new RegressionCheck(checkDir, beir.name(), split);
    List<String> labels = specs.stream().map(RunSpec::label).toList();
    if (check.existingFiles(labels).isEmpty()) {
      throw new IllegalArgumentException("--check " + checkDir + " holds no regression file for these runs; looked for "
          + String.join(", ", labels.stream().map(l -> RegressionCheck.fileName(beir.name(), split, l)).toList())
          + " (write them with --write-expectations " + checkDir + ")");
    }
    return check;
  }

  /**
   * Prints what the regression check found: runs it could not check, improvements (files to
   * update), regressions (on stderr), then a summary line.
   *
   * @return 3 if a metric regressed, else 0
   */
  private static int printCheck(RegressionCheck check, RegressionCheck.Result checked, PrintStream log) {
    for (String run : checked.runsWithoutExpectations()) {
      log.println("not checked: run " + run + " has no regression file " + check.file(run));
    }
    for (var o : checked.improvements()) {
      log.println("improved: " + o.describe() + "; update the file with --write-expectations " + checked.folder());
    }
    if (!checked.passed()) {
      System.err.println("REGRESSION:");
      checked.regressions().forEach(o -> System.err.println("  " + o.describe()));
    }
    log.println(checked.summary() + (checked.passed() ? ": passed" : ": " + checked.regressions().size()
        + " regressed"));
    return checked.passed() ? 0 : 3;
  }

  /** The name a run file goes by in the tables and as --baseline: its file name without .trec, .run or .txt. */
  private static String runName(Path runFile) {
    return runFile.getFileName().toString().replaceFirst("\\.(trec|run|txt)$", "");
  }

  private boolean hasRunFiles() {
    return runFiles != null && !runFiles.isEmpty();
  }

  /**
   * Checks the options before any dataset is read or indexed: ranges, the modes and fusion, the
   * collection name, that --report and --baseline have runs to compare and --baseline names one,
   * and that --model has a rerank run to serve.
   *
   * @return the runs to make from --mode (distinct, in order)
   * @throws picocli.CommandLine.ParameterException (a usage error) naming the option
   */
  private List<RunSpec> checkOptions() {
    List<RunSpec> specs = modes.stream().map(m -> OptionRange.parse(spec, "--mode", m, RunSpec::parse)).distinct()
        .toList();
    OptionRange.parse(spec, "--fusion", fusion, FusionMethod::parse);
    OptionRange.between(spec, "--lexical-weight", lexicalWeight, 0, 1);
    OptionRange.atLeast(spec, "--ef", ef, 1);
    OptionRange.between(spec, "--depth", depth, 1, SearchRequest.MAX_K);
    OptionRange.between(spec, "--rerank-depth", rerankDepth, 1, SearchRequest.MAX_DEPTH);
    OptionRange.atLeast(spec, "--latency-repeats", latencyRepeats, 1);
    if (collection != null) {
      OptionRange.parse(spec, "--collection", collection, Catalog::validateName);
    }
    List<String> names = hasRunFiles() ? runFiles.stream().map(EvalCommand::runName).toList()
        : specs.stream().map(RunSpec::label).toList();
    int runCount = names.size();
    if (new HashSet<>(names).size() < runCount) {
      throw OptionRange.usage(spec, "--runs: two run files have the same name (" + String.join(", ", names)
          + "); runs are named after their files, so rename or copy one");
    }
    if (report != null && runCount < 2) {
      throw OptionRange.usage(spec, "--report compares runs: give at least two modes (e.g. -m hybrid,rerank) or "
          + "two run files (--runs a.trec,b.trec)");
    }
    if (baseline != null && runCount < 2) {
      throw OptionRange.usage(spec, "--baseline needs at least two runs to compare");
    }
    if (baseline != null && !names.contains(baseline)) {
      throw OptionRange.usage(spec, "--baseline " + baseline + " is not one of the runs: " + String.join(", ", names));
    }
    if (modelDir != null && (hasRunFiles() || specs.stream().noneMatch(RunSpec::rerank))) {
      throw OptionRange.usage(spec, "--model is the model of the rerank run: add rerank to --mode (e.g. -m hybrid,rerank)");
    }
    if (runFiles != null && !runFiles.isEmpty() && (checkDir != null || writeDir != null)) {
      throw OptionRange.usage(spec, (checkDir != null ? "--check" : "--write-expectations") + " works on the runs"
          + " eval makes (--mode), not on --runs files");
    }
    return specs;
  }

  /**
   * Checks the files and folders the options name, before any work: run files exist, and the
   * report, run and expectation paths can be written (their folder exists; a folder is not given
   * where a file goes, or the reverse).
   *
   * @throws picocli.CommandLine.ParameterException (a usage error) naming the option and the path
   */
  private void checkPaths() {
    if (hasRunFiles()) {
      for (Path f : runFiles) {
        if (!Files.isRegularFile(f)) {
          throw OptionRange.usage(spec, "--runs: no such run file: " + f);
        }
      }
    }
    if (report != null) {
      OptionRange.writableFile(spec, "--report", report);
    }
    if (!hasRunFiles() && Files.exists(runDir) && !Files.isDirectory(runDir)) {
      throw OptionRange.usage(spec, "--run-dir " + runDir + " is a file, not a folder");
    }
    if (writeDir != null && Files.exists(writeDir) && !Files.isDirectory(writeDir)) {
      throw OptionRange.usage(spec, "--write-expectations " + writeDir + " is a file, not a folder");
    }
  }

  /**
   * The folder of the model a rerank run uses, checked before any work so that a missing model
   * does not fail the run after the dataset was indexed and the other runs ran: --model's, or the
   * collection's own.
   *
   * @return null when there is no rerank run
   * @throws picocli.CommandLine.ParameterException if --model holds no model
   * @throws IllegalArgumentException if the collection has no model (or does not exist yet)
   */
  private Path rerankModels(BeirDataset beir, List<RunSpec> specs) {
    if (hasRunFiles() || specs.stream().noneMatch(RunSpec::rerank)) {
      return null;
    }
    if (modelDir != null) {
      if (Files.isRegularFile(ModelStore.modelFile(modelDir))) {
        return ModelStore.folder(modelDir); // a collection folder
      }
      if (Files.isRegularFile(modelDir.resolve(ModelStore.MODEL_FILE))) {
        return modelDir; // a models folder, under any name
      }
      throw OptionRange.usage(spec, "--model " + modelDir + " holds no " + ModelStore.MODEL_FILE + " (looked in "
          + modelDir + " and " + modelDir.resolve(ModelStore.DIR) + ")");
    }
    String name = beir.collectionName(collection);
    Path folder = Catalog.folder(data.dataDir(), name);
    if (Files.isRegularFile(ModelStore.modelFile(folder))) {
      return ModelStore.folder(folder);
    }
    throw new IllegalArgumentException("the rerank run needs a reranker model, but collection '" + name + "' "
        + (Files.isDirectory(folder) ? "has none" : "does not exist yet") + " in " + data.dataDir() + ": train one"
        + " first (trawl train " + dataset + (data.data == null ? "" : " --data " + data.data)
        + (collection == null ? "" : " -c " + collection) + "), or rerank with another collection's model"
        + " (--model DIR)");
  }

  private RunComparison compare(Qrels qrels, SequencedMap<String, Run> runs) {
    String base = baseline != null ? baseline : runs.containsKey("hybrid") ? "hybrid" : runs.firstEntry().getKey();
    // --baseline rerank names the reranked run, which is named after its model: rerank[lambdamart-...]
    if (!runs.containsKey(base)) {
      String kind = base + "[";
      base = runs.keySet().stream().filter(n -> n.startsWith(kind)).findFirst().orElse(base);
    }
    if (!runs.containsKey(base)) {
      throw OptionRange.usage(spec, "--baseline " + base + " is not one of the runs: " + String.join(", ",
          runs.keySet()));
    }
    SequencedMap<String, Run> ordered = new LinkedHashMap<>();
    ordered.put(base, runs.get(base));
    runs.forEach(ordered::putIfAbsent);
    return RunComparison.compare(qrels, ordered, Evaluator.of(BeirExperiment.METRICS.toArray(String[]::new)),
        new PairedRandomizationTest(seed));
  }

  /** @param rerankModels the folder of the rerank run's model, or null when there is no rerank run */
  private List<BeirExperiment.ModeResult> runQueries(BeirDataset beir, List<RunSpec> specs, Path rerankModels,
      PrintStream log, Map<String, Object> out) throws Exception {
    String collectionName = beir.collectionName(collection);
    out.put("collection", collectionName);
    try (Engine engine = data.openEngine(chunking.collectionOptions())) {
      DocumentCollection c = engine.catalog().openOrCreate(collectionName);
      beir.ensureIndexed(c, log);
      Path models = rerankModels != null ? rerankModels : ModelStore.folder(c.dir());
      HybridSearcher searcher = engine.searcher().withRerankers(new CollectionRerankers(name -> models,
          new FeatureExtractor(TextAnalysis.englishAnalyzer()), rerankDepth));
      var config = new BeirExperiment.Config(split, specs, depth, FusionMethod.parse(fusion), lexicalWeight, ef,
          runDir, !noLatency, rerankDepth, latencyRepeats);
      List<BeirExperiment.ModeResult> results = BeirExperiment.run(c, searcher, dataset, beir.name(), config, log);
      Map<String, Object> byMode = new LinkedHashMap<>();
      for (var r : results) {
        Map<String, Object> m = new LinkedHashMap<>(r.report().means());
        m.put("queries", r.report().queryCount());
        if (r.latency() != null) {
          m.put("latency_p50_ms", round(r.latency().p50Millis()));
          m.put("latency_p99_ms", round(r.latency().p99Millis()));
          if (r.latency().stage() != null) {
            m.put("rerank_p50_ms", round(r.latency().stage().p50Millis()));
            m.put("rerank_p99_ms", round(r.latency().stage().p99Millis()));
          }
          if (r.latency().embed() != null) {
            m.put("embed_p50_ms", round(r.latency().embed().p50Millis()));
            m.put("embed_p99_ms", round(r.latency().embed().p99Millis()));
          }
        }
        m.put("run_file", r.runFile().toString());
        if (r.model() != null) {
          m.put("model", r.model());
          runNotes.add(r.name() + ": what a default search serves, reranked by model " + r.model() + " (from " + models
              + "): hybrid fused from " + SearchRequest.DEFAULT_DEPTH + " documents per retriever, its top "
              + rerankDepth + " reordered, then the hybrid run's deeper list; the hybrid run fuses --depth per "
              + "retriever, so the two can hold different documents in the top " + rerankDepth
              + " (serving depth, not the reranker)");
        }
        byMode.put(r.label(), m);
        if (writeDir != null) {
          Files.createDirectories(writeDir);
          var exp = RegressionExpectations.fromReport(beir.name(), r.label(), split, r.report(),
              RegressionExpectations.DEFAULT_TOLERANCE).withModel(r.model());
          Files.writeString(writeDir.resolve(RegressionCheck.fileName(beir.name(), split, r.label())), exp.toJson());
        }
      }
      out.put("modes", byMode);
      return results;
    }
  }

  /** What the HTML report says under its title: when, the command line, and which model made which run. */
  private List<String> reportNotes() {
    List<String> notes = new ArrayList<>();
    notes.add("Written " + ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ') + " UTC by: trawl eval "
        + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
        .map(a -> a.isEmpty() || a.matches(".*[\\s'\"$&|;<>()*?].*") ? "'" + a.replace("'", "'\\''") + "'" : a)
        .toList()));
    notes.addAll(runNotes);
    return notes;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /**
   * One row per run: its means, then the latency columns the runs have (none with --no-latency;
   * the reranking stage's only with a rerank run, the embedding's only with a run that embeds),
   * "-" where a run lacks one. A reranked run's row names its model.
   */
  private static void printTable(PrintStream out, List<BeirExperiment.ModeResult> results) {
    boolean latency = results.stream().anyMatch(r -> r.latency() != null);
    boolean stage = results.stream().anyMatch(r -> r.latency() != null && r.latency().stage() != null);
    boolean embed = results.stream().anyMatch(r -> r.latency() != null && r.latency().embed() != null);
    String name = "%-" + results.stream().mapToInt(r -> r.name().length()).reduce(10, Math::max) + "s";
    StringBuilder header = new StringBuilder(String.format(name, "run"));
    for (String m : BeirExperiment.METRICS) {
      header.append(String.format(" %11s", m));
    }
    if (latency) {
      header.append(String.format(" %9s %9s", "p50 ms", "p99 ms"));
    }
    if (stage) {
      header.append(String.format(" %10s %10s", "rerank p50", "rerank p99"));
    }
    if (embed) {
      header.append(String.format(" %9s %9s", "embed p50", "embed p99"));
    }
    out.println(header);
    for (var r : results) {
      StringBuilder row = new StringBuilder(String.format(name, r.name()));
      for (String m : BeirExperiment.METRICS) {
        row.append(String.format(Locale.ROOT, " %11.4f", r.report().mean(m)));
      }
      var l = r.latency();
      if (latency) {
        row.append(l == null ? String.format(" %9s %9s", "-", "-")
            : String.format(Locale.ROOT, " %9.2f %9.2f", l.p50Millis(), l.p99Millis()));
      }
      if (stage) {
        row.append(l == null || l.stage() == null ? String.format(" %10s %10s", "-", "-")
            : String.format(Locale.ROOT, " %10.2f %10.2f", l.stage().p50Millis(), l.stage().p99Millis()));
      }
      if (embed) {
        row.append(l == null || l.embed() == null ? String.format(" %9s %9s", "-", "-")
            : String.format(Locale.ROOT, " %9.2f %9.2f", l.embed().p50Millis(), l.embed().p99Millis()));
      }
      out.println(row.toString().stripTrailing());
    }
  }
}
