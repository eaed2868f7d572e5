package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.ranker.eval.BeirQueries;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.train.CandidateCollector;
import dev.trawl.ranker.train.LetorWriter;
import dev.trawl.ranker.train.QueryCandidates;
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
    description = {"Write feature logs in LETOR/SVMlight format (label qid:N 1:v 2:v ... # doc=... query=...)",
        "for the hybrid candidates of every query of a BEIR split, labeled from its qrels."})
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
      long rows = 0;
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        LetorWriter letor = new LetorWriter(w);
        letor.header(beir.name() + " split " + split + ", " + queries.size() + " queries, hybrid candidates at depth "
            + depth + "; label = qrels grade (0 if unjudged)", extractor.schema());
        for (QueryCandidates q : candidates) {
          letor.write(q);
          rows += q.size();
        }
      }
      System.err.printf("wrote %,d candidates of %,d queries (%d features) to %s%n", rows, candidates.size(),
          extractor.schema().size(), file);
    }
    return 0;
  }
}
