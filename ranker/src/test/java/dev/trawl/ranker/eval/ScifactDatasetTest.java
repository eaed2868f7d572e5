package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loads the real BEIR SciFact test split from the shared data folder (never copied into the
 * repository). Tagged {@code dataset}: runs only under {@code -Peval}. The folder is {@code
 * -Dtrawl.data.dir=...} if given, else the first {@code shared/data} found walking up from the
 * working directory; the test is skipped when there is none.
 */
@Tag("dataset")
class ScifactDatasetTest {

  private static Path dataDir() {
    String property = System.getProperty("trawl.data.dir");
    if (property != null) {
      return Path.of(property);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("shared", "data");
  }

  @Test
  void testSplitHas300QueriesAnd339Judgments() throws IOException {
    Path scifact = dataDir().resolve("scifact");
    assumeTrue(Files.isDirectory(scifact), "no SciFact data at " + scifact);

    Qrels qrels = Qrels.readBeirSplit(scifact, "test");
    List<Query> queries = BeirQueries.read(scifact.resolve("queries.jsonl")).forSplit(qrels);

    assertEquals(300, qrels.queryCount());
    assertEquals(339, qrels.size());
    assertEquals(300, queries.size());
    assertEquals(qrels.queryIds().size(), queries.stream().map(Query::id).distinct().count());
    assertEquals(1109, BeirQueries.read(scifact.resolve("queries.jsonl")).size());
  }
}
