package dev.trawl.indexer.chunk;

/**
 * A half-open character range {@code [start, end)} of some text.
 *
 * @param start offset of the first character (inclusive)
 * @param end offset after the last character (exclusive)
 */
public record TextSpan(int start, int end) {
  public TextSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  /** Number of characters covered. */
  public int length() {
    return end - start;
  }

  /** The covered characters of {@code text}. */
  public String of(CharSequence text) {
    return text.subSequence(start, end).toString();
  }
}
