package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.BulkIndexer;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.indexer.ingest.IndexingReport;
import dev.trawl.indexer.source.JsonlDocumentReader;
import dev.trawl.indexer.source.SourceDocument;
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

/** {@code trawl index <path>}: validates a JSONL file (or a BEIR folder's corpus.jsonl) and indexes it. */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = {"Index documents from a JSONL file or a BEIR dataset folder.",
        "Each line: {\"id\", \"title\", \"text\", \"metadata\"?, \"acl\"?} or BEIR {\"_id\", \"title\", \"text\"}.",
        "The whole file is validated first: if any line is malformed, nothing is indexed and the bad lines are listed.",
        "Documents whose id already exists are replaced."})
public final class IndexCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PATH", description = "A .jsonl file, or a folder containing corpus.jsonl.")
  Path path;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME", defaultValue = Catalog.DEFAULT_COLLECTION,
      description = "Collection to index into, created if missing (default: ${DEFAULT-VALUE}).")
  String collection;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "" + BulkIndexer.DEFAULT_BATCH,
      description = "Documents per embedding batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  /**
   * Checks options and input before the data folder is opened, so that bad input creates
   * nothing; a collection this run created is removed again if no document made it in.
   */
  @Override
  public Integer call() throws Exception {
    OptionRange.atLeast(spec, "--batch", batch, 1);
    OptionRange.parse(spec, "--collection", collection, Catalog::validateName);
    CollectionOptions forNewCollections = chunking.collectionOptions();
    Path file = resolveInput(path);
    System.err.println("reading " + file + " ...");
    List<SourceDocument> docs = JsonlDocumentReader.readAll(file);
    if (docs.isEmpty()) {
      throw new IllegalArgumentException(file + " has no documents (it is empty or has only blank lines): write one"
          + " JSON object per line, e.g. {\"id\":\"d1\",\"title\":\"...\",\"text\":\"...\"}");
    }
    System.err.printf("read %,d documents; all lines valid%n", docs.size());
    try (Engine engine = data.openEngine(forNewCollections)) {
      boolean created = !engine.catalog().exists(collection);
      DocumentCollection c = engine.catalog().openOrCreate(collection);
      IndexingReport report;
      try {
        report = new BulkIndexer(batch, BulkIndexer.DEFAULT_COMMIT_EVERY)
            .index(c, docs, new ConsoleProgress(System.err, "indexing", 2000));
      } catch (Exception | Error e) {
        if (created) {
          removeIfEmpty(engine, e);
        }
        throw e;
      }
      System.out.println(report.describe());
      var stats = c.stats();
      System.out.printf("collection '%s' in %s: %,d documents, %,d passages, %.1f MB on disk%n", collection,
          c.dir(), stats.documents(), stats.passages(), stats.bytesOnDisk() / 1e6);
    }
    return 0;
  }

  /**
   * Deletes the collection this run created when a failed run left it without a committed
   * document, so that a failure does not leave an empty collection for {@code search} to find.
   */
  private void removeIfEmpty(Engine engine, Throwable failure) {
    try {
      if (engine.catalog().get(collection).stats().documents() == 0) {
        engine.catalog().delete(collection);
      }
    } catch (Exception | Error e) {
      failure.addSuppressed(e);
    }
  }

  static Path resolveInput(Path path) {
    if (Files.isDirectory(path)) {
      Path corpus = path.resolve("corpus.jsonl");
      if (!Files.isRegularFile(corpus)) {
        throw new IllegalArgumentException(path + " is a folder without corpus.jsonl; pass a .jsonl file or a BEIR dataset folder");
      }
      return corpus;
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such file or folder: " + path);
    }
    return path;
  }
}
