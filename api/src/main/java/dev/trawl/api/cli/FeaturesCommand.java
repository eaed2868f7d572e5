package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.ranker.eval.BeirQueries;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.feature.FeatureSchema;
import dev.trawl.ranker.train.CandidateCollector;
import dev.trawl.ranker.train.LetorWriter;
import dev.trawl.ranker.train.QueryCandidates;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl features <beir-dir> --split S}: writes the reranker's features of every candidate as a LETOR log. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Write feature logs in LETOR/SVMlight format for the hybrid candidates of every query of a BEIR"
        + " split, labeled from its qrels.",
        "FILE holds only data lines (label qid:N 1:v 2:v ... # doc=... query=... rank=...), loadable by XGBoost"
            + " (FILE?format=libsvm&indexing_mode=1), RankLib and scikit-learn. Next to it, FILE.features.tsv says"
            + " what feature N is and how often it is missing, and FILE.qids.tsv maps each qid to the dataset's query"
            + " id. See README, \"Feature logs\"."})
public final class FeaturesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BEIR_DIR", description = "Dataset folder, e.g. ../shared/data/scifact.")
  Path dataset;

  @Option(names = "--split", defaultValue = "test", description = "Qrels split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--depth", defaultValue = "200", description = "Candidates per query (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Output file (default: <dataset>-<split>.letor in the current folder).")
  Path out;

  @Option(names = "--missing", paramLabel = "VALUE",
      description = "Write missing feature values as VALUE (e.g. -1000000 for RankLib, which reads an absent value as"
          + " 0). Default: left out of the line, which XGBoost reads as missing, as Trawl's own training does.")
  void missing(float value) {
    OptionRange.require(spec, Float.isFinite(value), "--missing", "a finite number", value);
    missing = value;
  }

  /** --missing's value; null: left out. */
  Float missing;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME",
      description = "Collection (default: beir-<folder name>; indexed first if needed).")
  String collection;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BeirDataset beir = BeirDataset.of(dataset);
    beir.requireSplit(spec, "--split", split);
    Qrels qrels = Qrels.readBeirSplit(dataset, split);
    List<Query> queries = BeirQueries.read(dataset.resolve("queries.jsonl")).forSplit(qrels);
    Path file = out != null ? out : Path.of(beir.name() + "-" + split + ".letor");
    OptionRange.writableFile(spec, "--out", file);
    try (Engine engine = data.openEngine(chunking.collectionOptions())) {
      DocumentCollection c = engine.catalog().openOrCreate(beir.collectionName(collection));
      beir.ensureIndexed(c, System.err);
      FeatureExtractor extractor = new FeatureExtractor(TextAnalysis.englishAnalyzer());
      CandidateCollector collector = new CandidateCollector(engine.searcher(), extractor, depth);
      List<float[]> vectors = engine.embedder().embedQueries(
          queries.stream().map(q -> q.text().isBlank() ? " " : q.text()).toList());
      List<QueryCandidates> candidates;
      try (CollectionSnapshot s = c.snapshot()) {
        candidates = collector.collect(s, queries, vectors, qrels, System.err);
      }
      writeLog(file, candidates, extractor.schema());
    }
    return 0;
  }

  /** Writes the log and its two sidecars, and says on stderr what was written and how to read it. */
  private void writeLog(Path file, List<QueryCandidates> candidates, FeatureSchema schema) throws IOException {
    LetorWriter.Qids qids = LetorWriter.Qids.forQueryIds(candidates.stream().map(QueryCandidates::queryId).toList());
    LetorWriter letor;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      letor = new LetorWriter(w, qids, missing == null ? Float.NaN : missing);
      for (QueryCandidates q : qids.order(candidates)) {
        letor.write(q);
      }
    }
    Path featureTable = sidecar(file, ".features.tsv");
    try (Writer w = Files.newBufferedWriter(featureTable, StandardCharsets.UTF_8)) {
      letor.writeFeatureTable(w, schema);
    }
    Path qidTable = sidecar(file, ".qids.tsv");
    try (Writer w = Files.newBufferedWriter(qidTable, StandardCharsets.UTF_8)) {
      letor.writeQidTable(w);
    }
    System.err.printf("wrote %,d candidates of %,d queries (%d features) to %s%n", letor.rows(), letor.queries(),
        schema.size(), file);
    System.err.println("  qid: " + qids.description() + "; qid -> query id in " + qidTable);
    System.err.println("  features: " + featureTable + " (feature numbers are 1-based; XGBoost: "
        + file.getFileName() + "?format=libsvm&indexing_mode=1 makes feature N column N-1)");
    System.err.println("  missing values: " + (missing == null
        ? "left out of the line (XGBoost: missing; RankLib: 0, so use --missing VALUE for it)"
        : "written as " + letor.missingWrittenAs()));
  }

  /** {@code FILE.suffix} next to {@code file}. */
  static Path sidecar(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
