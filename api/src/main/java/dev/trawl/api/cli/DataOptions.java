package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by commands that open the data folder: where it is. */
public final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Data folder holding the collections (default: $TRAWL_DATA or ./data).")
  Path data;

  /** Test-only: {@code hashing} swaps the model for {@code HashingEmbedder} (fast, not semantic). */
  @Option(names = "--embedder", hidden = true, paramLabel = "NAME")
  String embedder;

  Path dataDir() {
    if (data != null) {
      return data;
    }
    String env = System.getenv("TRAWL_DATA");
    return Path.of(env != null && !env.isBlank() ? env : "data");
  }

  /**
   * The collection a reading command ({@code search}, {@code context}) works on: {@code named} if
   * given; otherwise {@value Catalog#DEFAULT_COLLECTION} if it exists, or the only collection if
   * there is exactly one (so {@code trawl search "..."} works right after {@code trawl demo}).
   *
   * @throws IllegalArgumentException if none was named and the choice is ambiguous or empty
   */
  static String collectionToRead(Engine engine, String named) {
    if (named != null) {
      return named;
    }
    List<String> existing = engine.catalog().list();
    if (existing.contains(Catalog.DEFAULT_COLLECTION)) {
      return Catalog.DEFAULT_COLLECTION;
    }
    if (existing.size() == 1) {
      return existing.get(0);
    }
    throw new IllegalArgumentException(existing.isEmpty()
        ? "no collections in " + engine.catalog().dataDir() + " yet: index documents first (trawl index FILE), or run"
            + " 'trawl demo' for the sample corpus; pass --data DIR if your collections live elsewhere"
        : "no collection named '" + Catalog.DEFAULT_COLLECTION + "'; choose one with -c NAME: "
            + String.join(", ", existing));
  }

  /**
   * Opens the data folder, creating it if needed, for a command that may write.
   *
   * @param forNewCollections settings of collections created through this engine
   */
  Engine openEngine(CollectionOptions forNewCollections) throws IOException {
    if ("hashing".equals(embedder)) {
      return Engine.open(dataDir(), new dev.trawl.indexer.embed.HashingEmbedder(64), forNewCollections);
    } else if (embedder != null) {
      throw new IllegalArgumentException("unknown --embedder '" + embedder + "'");
    }
    return Engine.open(dataDir(), forNewCollections);
  }

  /**
   * Opens the data folder for a command that only reads ({@code search}, {@code context},
   * {@code collections}), which never creates one: a mistyped {@code --data} is reported rather
   * than left behind as a new folder.
   *
   * @throws IllegalArgumentException if the folder does not exist, saying how to create one
   */
  Engine openExisting() throws IOException {
    Path dir = dataDir();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no data folder at " + dir.toAbsolutePath().normalize()
          + " (create one with: trawl index FILE.jsonl" + (data == null ? "" : " --data " + data) + ")"
          + (data == null ? "; pass --data DIR if your collections live elsewhere" : ""));
    }
    return openEngine(CollectionOptions.defaults());
  }
}
