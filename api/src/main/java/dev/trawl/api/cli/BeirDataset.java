package dev.trawl.api.cli;

import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.BulkIndexer;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/** A BEIR dataset folder as the {@code eval}, {@code train} and {@code features} commands use it. */
record BeirDataset(Path dir, String name) {

  /**
   * @throws IllegalArgumentException if {@code dir} does not exist, is not a folder, or has no
   *     corpus.jsonl
   */
  static BeirDataset of(Path dir) {
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException("dataset folder " + dir + " does not exist"
          + (Files.exists(Path.of("../shared/data")) ? " (datasets are in ../shared/data)" : ""));
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is a file, not a BEIR dataset folder (corpus.jsonl, queries.jsonl,"
          + " qrels/<split>.tsv)");
    }
    if (!Files.isRegularFile(dir.resolve("corpus.jsonl"))) {
      throw new IllegalArgumentException(dir + " is not a BEIR folder: corpus.jsonl is missing"
          + (Files.exists(Path.of("../shared/data")) ? " (datasets are in ../shared/data)" : ""));
    }
    String name = dir.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    return new BeirDataset(dir, name);
  }

  /**
   * Checks that {@code split} has a qrels file, {@code qrels/<split>.tsv}, before any work.
   *
   * @param option the option that named the split, e.g. {@code --split}
   * @throws picocli.CommandLine.ParameterException (a usage error) naming the option and listing
   *     the splits that have qrels, e.g. {@code --split: no qrels for split 'dev' in
   *     ../shared/data/scifact; splits with qrels: test, train}
   */
  void requireSplit(CommandSpec spec, String option, String split) {
    if (Files.isRegularFile(qrelsFile(split))) {
      return;
    }
    List<String> splits = splits();
    throw OptionRange.usage(spec, option + ": no qrels for split '" + split + "' in " + dir + "; "
        + (splits.isEmpty() ? "it has no qrels/<split>.tsv at all" : "splits with qrels: " + String.join(", ", splits)));
  }

  /** {@code qrels/<split>.tsv}, whether or not it exists. */
  Path qrelsFile(String split) {
    return dir.resolve("qrels").resolve(split + ".tsv");
  }

  /** The splits that have a qrels file, sorted. */
  List<String> splits() {
    Path qrels = dir.resolve("qrels");
    if (!Files.isDirectory(qrels)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(qrels)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tsv"))
          .map(n -> n.substring(0, n.length() - ".tsv".length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + qrels, e);
    }
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
