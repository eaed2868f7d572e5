package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.collection.CollectionOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by commands that open the data folder. */
public final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Data folder holding the collections (default: $TRAWL_DATA or ./data).")
  Path data;

  @Option(names = "--max-passage-tokens", paramLabel = "N",
      description = "Passage budget in word tokens for new collections (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + CollectionOptions.DEFAULT_MAX_PASSAGE_TOKENS)
  int maxPassageTokens;

  @Option(names = "--overlap-tokens", paramLabel = "N",
      description = "Overlap between consecutive passages for new collections (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + CollectionOptions.DEFAULT_OVERLAP_TOKENS)
  int overlapTokens;

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

  CollectionOptions collectionOptions() {
    return CollectionOptions.defaults().withChunking(new ChunkingConfig(maxPassageTokens, overlapTokens));
  }

  Engine openEngine() throws IOException {
    if ("hashing".equals(embedder)) {
      return Engine.open(dataDir(), new dev.trawl.indexer.embed.HashingEmbedder(64), collectionOptions());
    } else if (embedder != null) {
      throw new IllegalArgumentException("unknown --embedder '" + embedder + "'");
    }
    return Engine.open(dataDir(), collectionOptions());
  }
}
