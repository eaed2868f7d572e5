package dev.trawl.query;

/**
 * Trawl's stated approximation of LLM tokens, used for every token budget in responses:
 * {@code tokens = ceil(characters / 4)}, the usual rule of thumb for English text with
 * BPE tokenizers (GPT and Claude families). It slightly over-counts plain English prose
 * (about 4.2-4.6 characters per token), so budgets err on the safe side.
 */
public final class TokenEstimate {
  public static final int CHARS_PER_TOKEN = 4;

  private TokenEstimate() {}

  public static int of(CharSequence text) {
    return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** The number of characters that fit in {@code tokens}. */
  public static int chars(int tokens) {
    return tokens * CHARS_PER_TOKEN;
  }
}
