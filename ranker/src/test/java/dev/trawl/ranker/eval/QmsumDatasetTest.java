package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchMode;
import dev.trawl.query.vector.VectorRetriever;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the lexical QMSum numbers of docs/BENCHMARKS.md (BM25 is deterministic, so they must
 * reproduce to four decimals) and checks that windows beat the plain per-turn BM25 baseline of
 * the data README. Tagged {@code dataset}: runs only under {@code -Peval}; skipped without
 * {@code shared/data/qmsum-test} (found as in {@link ScifactDatasetTest}).
 */
@Tag("dataset")
class QmsumDatasetTest {
  @TempDir Path dir;

  private static Path qmsum() {
    String property = System.getProperty("trawl.data.dir");
    if (property != null) {
      return Path.of(property).resolve("qmsum-test");
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve("qmsum-test");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("shared", "data", "qmsum-test");
  }

  @Test
  void lexicalNumbersReproduceAndWindowsBeatTheBaseline() throws IOException {
    Path data = qmsum();
    assumeTrue(Files.isDirectory(data), "no QMSum data at " + data);
    HashingEmbedder embedder = new HashingEmbedder(8);
    List<DocumentCollection> open = new ArrayList<>();
    HybridSearcher searcher = new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(),
        VectorRetriever.Params.DEFAULT, null);
    var config = new QmsumExperiment.Config("test", List.of(QmsumExperiment.variant("turns-raw"),
        QmsumExperiment.variant("windows")), List.of(SearchMode.LEXICAL),
        List.of(QmsumExperiment.Scope.MEETING, QmsumExperiment.Scope.ALL), null);
    List<QmsumExperiment.Result> results;
    try {
      results = QmsumExperiment.run(name -> {
        try {
          DocumentCollection c = DocumentCollection.open(name, dir.resolve(name), embedder, CollectionOptions.defaults());
          open.add(c);
          return c;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, "hash", searcher, data, config, new PrintStream(PrintStream.nullOutputStream()));
    } finally {
      for (DocumentCollection c : open) {
        c.close();
      }
    }
    assertEquals(0.3401, ndcg(results, "turns-raw/lexical/meeting"), 1e-4);
    assertEquals(0.1713, ndcg(results, "turns-raw/lexical/all"), 1e-4);
    assertEquals(0.4202, ndcg(results, "windows/lexical/meeting"), 1e-4);
    assertEquals(0.2351, ndcg(results, "windows/lexical/all"), 1e-4);
    // The data README's plain BM25 over single turns without stemming.
    assertTrue(ndcg(results, "windows/lexical/meeting") > 0.313 + 0.1);
    assertTrue(ndcg(results, "windows/lexical/all") > 0.162 + 0.07);
  }

  private static double ndcg(List<QmsumExperiment.Result> results, String label) {
    return results.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow()
        .report().mean("ndcg@10");
  }
}
