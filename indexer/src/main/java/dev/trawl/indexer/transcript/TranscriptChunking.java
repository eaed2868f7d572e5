package dev.trawl.indexer.transcript;

/**
 * How {@link TranscriptChunker} cuts a transcript, in {@link dev.trawl.indexer.chunk.TokenCounter}
 * tokens of the rendered chunk (context header and {@code [time] Speaker: text} lines).
 *
 * <p>The defaults are the configuration measured best on QMSum (docs/BENCHMARKS.md).
 *
 * @param maxTokens budget of one chunk, header included; at least {@value #MIN_MAX_TOKENS}
 * @param windows true: chunks are windows of consecutive turns; false: one chunk per turn (after
 *     short-turn merging), the per-turn baseline
 * @param overlap whether a window repeats the last turn (with its merged short replies) of the
 *     window before it
 * @param shortTurnTokens a turn of at most this many tokens of text ("Yeah.", "Mm-hmm.") joins the
 *     turn before it (or, at the very start, the one after it) instead of standing alone; 0 turns
 *     merging off
 * @param header whether each chunk carries a context header: the meeting title as its title and
 *     a {@code Speakers: ...} line
 */
public record TranscriptChunking(int maxTokens, boolean windows, boolean overlap, int shortTurnTokens,
    boolean header) {
  public static final int MIN_MAX_TOKENS = 48;
  public static final int DEFAULT_MAX_TOKENS = 256;
  public static final int DEFAULT_SHORT_TURN_TOKENS = 4;

  public TranscriptChunking {
    if (maxTokens < MIN_MAX_TOKENS) {
      throw new IllegalArgumentException("transcript chunk budget must be at least " + MIN_MAX_TOKENS
          + " tokens, was " + maxTokens);
    }
    if (shortTurnTokens < 0) {
      throw new IllegalArgumentException("shortTurnTokens must be >= 0, was " + shortTurnTokens);
    }
  }

  /** Windows of {@value #DEFAULT_MAX_TOKENS} tokens, one turn of overlap, short turns merged, header on. */
  public static TranscriptChunking defaults() {
    return new TranscriptChunking(DEFAULT_MAX_TOKENS, true, true, DEFAULT_SHORT_TURN_TOKENS, true);
  }

  public TranscriptChunking withMaxTokens(int n) {
    return new TranscriptChunking(n, windows, overlap, shortTurnTokens, header);
  }

  public TranscriptChunking withWindows(boolean w) {
    return new TranscriptChunking(maxTokens, w, overlap, shortTurnTokens, header);
  }

  public TranscriptChunking withOverlap(boolean o) {
    return new TranscriptChunking(maxTokens, windows, o, shortTurnTokens, header);
  }

  public TranscriptChunking withShortTurnTokens(int n) {
    return new TranscriptChunking(maxTokens, windows, overlap, n, header);
  }

  public TranscriptChunking withHeader(boolean h) {
    return new TranscriptChunking(maxTokens, windows, overlap, shortTurnTokens, h);
  }
}
