package dev.trawl.api.cli;

import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.collection.CollectionOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options of commands that create collections: how the passages of a new collection are cut. A
 * collection keeps the settings it was created with, so these do nothing for existing ones;
 * commands that only read do not offer them.
 */
public final class ChunkingOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--max-passage-tokens", paramLabel = "N",
      description = "Passage budget in word tokens for new collections (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + CollectionOptions.DEFAULT_MAX_PASSAGE_TOKENS)
  int maxPassageTokens;

  @Option(names = "--overlap-tokens", paramLabel = "N",
      description = "Overlap between consecutive passages for new collections (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + CollectionOptions.DEFAULT_OVERLAP_TOKENS)
  int overlapTokens;

  /**
   * The options new collections get.
   *
   * @throws picocli.CommandLine.ParameterException (a usage error) naming the option out of range
   */
  CollectionOptions collectionOptions() {
    OptionRange.atLeast(command, "--max-passage-tokens", maxPassageTokens, ChunkingConfig.MIN_MAX_TOKENS);
    OptionRange.require(command, overlapTokens >= 0 && 2L * overlapTokens < maxPassageTokens, "--overlap-tokens",
        ">= 0 and less than half of --max-passage-tokens (" + maxPassageTokens + ")", overlapTokens);
    return CollectionOptions.defaults().withChunking(new ChunkingConfig(maxPassageTokens, overlapTokens));
  }
}
