package dev.trawl.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SciFact corpus and its test queries from the shared BEIR copy, {@code ../shared/data/scifact}
 * relative to the repository root (the nearest folder above the working directory that holds
 * {@code mvnw}), or the folder named by {@code -Dtrawl.scifact=DIR}.
 */
final class SciFactData {
  private SciFactData() {}

  static Path dir() {
    String override = System.getProperty("trawl.scifact");
    if (override != null) {
      return requireCorpus(Path.of(override));
    }
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("cannot find the Trawl repository root (a folder with mvnw) above "
          + Path.of("").toAbsolutePath() + "; run from the repository or pass -Dtrawl.scifact=DIR");
    }
    return requireCorpus(root.resolve("../shared/data/scifact").normalize());
  }

  private static Path requireCorpus(Path dir) {
    if (!Files.isRegularFile(dir.resolve("corpus.jsonl"))) {
      throw new IllegalStateException("SciFact not found: " + dir.resolve("corpus.jsonl") + " does not exist. "
          + "Put the BEIR SciFact folder (corpus.jsonl, queries.jsonl, qrels/test.tsv) there, "
          + "or pass -Dtrawl.scifact=DIR (with -jvmArgsAppend for forked runs).");
    }
    return dir;
  }

  static List<SourceDocument> corpus(Path dir) {
    return JsonlDocumentReader.readAll(dir.resolve("corpus.jsonl"));
  }

  /** The text of the queries that have judgements in {@code qrels/test.tsv}, in file order. */
  static List<String> testQueries(Path dir) throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : Files.readAllLines(dir.resolve("qrels/test.tsv"))) {
      String[] f = line.split("\t");
      if (f.length >= 3 && !f[0].equals("query-id")) {
        ids.add(f[0]);
      }
    }
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode q = json.readTree(line);
      if (ids.contains(q.get("_id").asText())) {
        out.add(q.get("text").asText());
      }
    }
    return out;
  }
}
