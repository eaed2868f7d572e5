package dev.trawl.indexer.transcript;

/**
 * Reads one transcript format into a {@link Transcript}.
 *
 * <p>Contract: the whole text is checked before anything is returned; if any line is bad the
 * parser throws {@link dev.trawl.indexer.source.MalformedInputException} listing the bad lines
 * by 1-based number with what to fix, and nothing from the text may be indexed. Turns come back
 * with indexes 0, 1, 2, ... in order; their text is whitespace-collapsed but otherwise raw (noise
 * markers are removed later, by {@link NoiseFilter}). Implementations are stateless and
 * thread-safe.
 */
public interface TranscriptParser {

  /**
   * @param text the whole file (a leading byte-order mark is ignored)
   * @param source how error messages name the input, e.g. its file name
   */
  Transcript parse(String text, String source);

  /** {@code text} split into lines, without a leading BOM; {@code \r\n}, {@code \r} and {@code \n} all end a line. */
  static String[] lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return t.split("\\r\\n|\\r|\\n", -1);
  }

  /** Collapses runs of whitespace to one space and trims. */
  static String collapse(String s) {
    return s.replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ").strip();
  }
}
