package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.api.transcript.IngestThroughput;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.query.SearchMode;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.ranker.eval.PairedRandomizationTest;
import dev.trawl.ranker.eval.QmsumExperiment;
import dev.trawl.ranker.eval.QmsumExperiment.Result;
import dev.trawl.ranker.eval.QmsumExperiment.Scope;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trawl eval-qmsum <dir>}: transcript retrieval on QMSum at turn level, per indexing
 * variant, retrieval mode and scope ({@link QmsumExperiment}); prints a Markdown table on stdout
 * (progress on stderr) and writes one turn-level TREC run per row and scope into --run-dir.
 */
@Command(name = "eval-qmsum", mixinStandardHelpOptions = true,
    description = {"Evaluate transcript search on QMSum (BEIR layout with per-turn corpus, e.g. ../shared/data/qmsum-test).",
        "Transcripts are rebuilt from the turns, indexed per variant, and chunk hits are mapped back to turns:",
        "chunks in rank order, each chunk's turns in meeting order. Metrics: nDCG@10, Recall@10/50/100."})
public final class EvalQmsumCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "QMSum folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.")
  Path dataset;

  @Option(names = "--index", paramLabel = "turns|windows|both",
      description = "Shorthand for --variants: per-turn documents, turn windows, or both (default: both).")
  String index;

  @Option(names = "--variants", split = ",", paramLabel = "V",
      description = {"Indexing variants: windows, turns, turns-raw, windows-noheader, windows-nooverlap, windows-nomerge,",
          "windows-<tokens>. p-values compare each row with the first variant in the same mode."})
  List<String> variants;

  @Option(names = "--scope", defaultValue = "both", paramLabel = "meeting|all|both",
      description = "Search inside the query's meeting, across all meetings, or both (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(names = {"-m", "--modes"}, defaultValue = "lexical,vector,hybrid", split = ",",
      description = "Retrieval modes (default: ${DEFAULT-VALUE}). With only 'lexical', no model is loaded.")
  List<String> modes;

  @Option(names = "--fusion", defaultValue = "rrf", description = "Hybrid fusion: rrf or linear (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = "--lexical-weight", defaultValue = "0.5",
      description = "BM25 weight for --fusion linear (default: ${DEFAULT-VALUE}).")
  double lexicalWeight;

  @Option(names = "--split", defaultValue = "test", description = "Qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--run-dir", defaultValue = "runs", description = "Where turn-level TREC runs go (default: ${DEFAULT-VALUE}).")
  Path runDir;

  @Option(names = "--json", description = "Print results as JSON on stdout (progress goes to stderr).")
  boolean json;

  @Option(names = "--throughput", paramLabel = "MEETINGS",
      description = "Instead of evaluating, measure end-to-end ingest throughput (words/s, real BGE, no embedding cache) "
          + "on the first MEETINGS meetings, rendered as 'Speaker: text' files.")
  Integer throughputMeetings;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  /** Checks the dataset, the split's qrels and every option before anything is indexed (usage errors exit 2). */
  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(dataset.resolve("corpus.jsonl"))) {
      throw new IllegalArgumentException(dataset + " has no corpus.jsonl (QMSum data is in ../shared/data/qmsum-test)");
    }
    PrintStream log = System.err; // progress: stdout holds only the table or the JSON
    if (throughputMeetings != null) {
      return throughput(log);
    }
    BeirDataset.of(dataset).requireSplit(spec, "--split", split);
    List<SearchMode> modeList = modes.stream().map(m -> OptionRange.parse(spec, "--modes", m, SearchMode::parse))
        .toList();
    List<Scope> scopes = scope.equalsIgnoreCase("both") ? List.of(Scope.MEETING, Scope.ALL)
        : List.of(OptionRange.parse(spec, "--scope", scope, Scope::parse));
    List<String> names = variants != null ? variants : switch (index == null ? "both" : index.toLowerCase(Locale.ROOT)) {
      case "turns" -> List.of("turns");
      case "windows" -> List.of("windows");
      case "both" -> List.of("turns", "windows");
      default -> throw OptionRange.usage(spec, "--index takes turns, windows or both, got '" + index + "'");
    };
    List<QmsumExperiment.Variant> variantList = names.stream()
        .map(n -> OptionRange.parse(spec, "--variants", n, QmsumExperiment::variant)).toList();
    var config = new QmsumExperiment.Config(split, variantList, modeList, scopes, runDir,
        OptionRange.parse(spec, "--fusion", fusion, FusionMethod::parse), lexicalWeight);
    log.println("turn-level TREC runs go to " + runDir + " as qmsum-" + split + "-<variant>-<mode>-<scope>.trec");
    boolean lexicalOnly = modeList.stream().allMatch(m -> m == SearchMode.LEXICAL);
    try (Engine engine = lexicalOnly ? Engine.open(data.dataDir(), new HashingEmbedder(8), chunking.collectionOptions())
        : data.openEngine(chunking.collectionOptions())) {
      List<Result> results = QmsumExperiment.run(name -> engine.catalog().openOrCreate(name),
          lexicalOnly ? "hash" : "bge", engine.searcher(), dataset, config, log);
      if (json) {
        JsonOutput.print(toJson(results));
      } else {
        System.out.println();
        System.out.println(markdown(results, scopes));
      }
    }
    return 0;
  }

  private int throughput(PrintStream log) throws Exception {
    var r = IngestThroughput.measure(dataset, throughputMeetings, log);
    if (json) {
      JsonOutput.print(r);
    } else {
      System.out.println(r.describe());
    }
    return 0;
  }

  private static Map<String, Object> toJson(List<Result> results) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>(r.report().means());
      m.put("queries", r.report().queryCount());
      m.put("chunks", r.index().chunks());
      out.put(r.label(), m);
    }
    return out;
  }

  private static String pValue(PairedRandomizationTest test, Result base, Result r, String metric) {
    double p = test.pValue(base.report().column(metric), r.report().column(metric));
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  /**
   * One row per variant and mode; per scope nDCG@10, R@10, R@50, R@100 and the p-values of the
   * nDCG@10 and R@50 differences from the first variant in the same mode (two-sided paired
   * randomization test, 10,000 permutations).
   */
  static String markdown(List<Result> results, List<Scope> scopes) {
    StringBuilder sb = new StringBuilder("| variant | mode | chunks | turns/chunk |");
    StringBuilder rule = new StringBuilder("|---|---|---:|---:|");
    for (Scope s : scopes) {
      sb.append(String.format(" %s nDCG@10 | %s R@10 | %s R@50 | %s R@100 | %s p (nDCG@10 / R@50) |", s.label(),
          s.label(), s.label(), s.label(), s.label()));
      rule.append("---:|---:|---:|---:|---:|");
    }
    sb.append('\n').append(rule).append('\n');
    Map<String, Map<Scope, Result>> rows = new LinkedHashMap<>();
    for (Result r : results) {
      rows.computeIfAbsent(r.variant().name() + "|" + r.modeLabel(), k -> new LinkedHashMap<>()).put(r.scope(), r);
    }
    // Baseline of each row: the first variant's row in the same mode.
    Map<String, Map<Scope, Result>> firstByMode = new LinkedHashMap<>();
    rows.values().forEach(r -> firstByMode.putIfAbsent(r.values().iterator().next().modeLabel(), r));
    PairedRandomizationTest test = new PairedRandomizationTest(20261126L);
    for (var row : rows.entrySet()) {
      Result any = row.getValue().values().iterator().next();
      Map<Scope, Result> baseline = firstByMode.get(any.modeLabel());
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f |", any.variant().name(), any.modeLabel(),
          any.index().chunks(), any.index().turnsPerChunk()));
      for (Scope s : scopes) {
        Result r = row.getValue().get(s);
        Result base = baseline.get(s);
        if (r == null) {
          sb.append(" | | | | |");
          continue;
        }
        String p = r == base ? "-" : pValue(test, base, r, "ndcg@10") + " / " + pValue(test, base, r, "recall@50");
        sb.append(String.format(Locale.ROOT, " %.4f | %.4f | %.4f | %.4f | %s |", r.report().mean("ndcg@10"),
            r.report().mean("recall@10"), r.report().mean("recall@50"), r.report().mean("recall@100"), p));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
