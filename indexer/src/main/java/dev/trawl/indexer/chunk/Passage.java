package dev.trawl.indexer.chunk;

/**
 * A contiguous span of a document's text, the unit that is indexed and retrieved.
 *
 * @param index 0-based position of this passage within its document
 * @param start character offset (inclusive) of the passage in the document text
 * @param end character offset (exclusive) of the passage in the document text
 * @param text the passage text, equal to {@code documentText.substring(start, end)}
 */
public record Passage(int index, int start, int end, String text) {
  public Passage {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad passage span [" + start + ", " + end + ")");
    }
  }
}
