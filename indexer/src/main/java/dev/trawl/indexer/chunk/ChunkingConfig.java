package dev.trawl.indexer.chunk;

/**
 * How {@link PassageChunker} cuts text, in {@link TokenCounter} tokens.
 *
 * <p>The default, 384 tokens with 48 tokens of overlap, keeps a passage (about 500 BERT
 * word-pieces of English prose) within the 512-position window of BGE-small, so the embedder
 * sees it whole.
 *
 * @param maxTokens most tokens in one passage; at least {@value #MIN_MAX_TOKENS}
 * @param overlapTokens most tokens a passage repeats from the end of the one before it; at least 0
 *     and less than half of {@code maxTokens}, so consecutive passages always advance
 */
public record ChunkingConfig(int maxTokens, int overlapTokens) {

  /** Smallest accepted {@link #maxTokens()}. */
  public static final int MIN_MAX_TOKENS = 16;

  /** Default {@link #maxTokens()}. */
  public static final int DEFAULT_MAX_TOKENS = 384;

  /** Default {@link #overlapTokens()}. */
  public static final int DEFAULT_OVERLAP_TOKENS = 48;

  /**
   * @throws IllegalArgumentException if a bound is violated; the message names the field, the
   *     bound and the value given
   */
  public ChunkingConfig {
    if (maxTokens < MIN_MAX_TOKENS) {
      throw new IllegalArgumentException(
          "maxTokens must be at least " + MIN_MAX_TOKENS + ", was " + maxTokens);
    }
    if (overlapTokens < 0) {
      throw new IllegalArgumentException("overlapTokens must not be negative, was " + overlapTokens);
    }
    if (2L * overlapTokens >= maxTokens) {
      throw new IllegalArgumentException(
          "overlapTokens must be less than half of maxTokens (" + maxTokens + " / 2 = "
              + (maxTokens / 2.0) + "), was " + overlapTokens);
    }
  }

  /** 384 tokens per passage, 48 tokens of overlap. */
  public static ChunkingConfig defaults() {
    return new ChunkingConfig(DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
  }
}
