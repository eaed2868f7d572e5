package dev.trawl.ranker.eval;

/**
 * The rule for ids in TREC text formats (qrels and run files): fields are separated by
 * whitespace, so an id must be non-empty and contain no whitespace character (as C's {@code
 * isspace} defines it: space, tab, newline, vertical tab, form feed, carriage return).
 */
final class TrecIds {
  private TrecIds() {}

  /** Whether {@code id} can be written as one field of a TREC line. */
  static boolean isWritable(String id) {
    if (id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        return false;
      }
    }
    return true;
  }

  /**
   * @throws IllegalStateException if {@code id} cannot be written as one field
   */
  static void requireWritable(String id, String what) {
    if (!isWritable(id)) {
      throw new IllegalStateException(
          what + " '" + id + "' is empty or contains whitespace; TREC files cannot hold it");
    }
  }
}
