package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.collection.CollectionOptions;
import java.io.IOException;
import java.nio.file.Path;
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
