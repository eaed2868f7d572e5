package dev.trawl.api.cli;

import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.BulkIndexer;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A BEIR dataset folder as the {@code eval}, {@code train} and {@code features} commands use it. */
record BeirDataset(Path dir, String name) {

  /**
   * @throws IllegalArgumentException if {@code dir} has no corpus.jsonl
   */
  static BeirDataset of(Path dir) {
    if (!Files.isRegularFile(dir.resolve("corpus.jsonl"))) {
      throw new IllegalArgumentException(dir + " is not a BEIR folder: corpus.jsonl is missing"
          + (Files.exists(Path.of("../shared/data")) ? " (datasets are in ../shared/data)" : ""));
    }
    String name = dir.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    return new BeirDataset(dir, name);
  }

  /** {@code override}, or {@code beir-<folder name>}. */
  String collectionName(String override) {
    return override != null ? override : "beir-" + name.replaceAll("[^a-z0-9_-]", "-");
  }

  /** Indexes the corpus into {@code c} unless it already holds as many documents. */
  void ensureIndexed(DocumentCollection c, PrintStream log) throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
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
}
