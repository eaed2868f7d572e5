package dev.trawl.ranker.eval;

import java.io.IOException;

/**
 * An evaluation input file (qrels, queries, run, regression expectations) does not have the
 * expected format. The message always starts with {@code source:line: } (or {@code source: } when
 * the problem is not tied to one line), so it can be pasted into an editor's "go to" box.
 */
public final class MalformedFileException extends IOException {
  private final String source;
  private final int line;

  /**
   * @param source the file name or other description of where the input came from
   * @param line 1-based line number of the offending line, or 0 if the problem is not tied to
   *     one line
   * @param problem what is wrong, without the location prefix
   */
  public MalformedFileException(String source, int line, String problem) {
    super((line > 0 ? source + ":" + line + ": " : source + ": ") + problem);
    this.source = source;
    this.line = line;
  }

  /** Where the input came from, as given to the reader. */
  public String source() {
    return source;
  }

  /** 1-based line number, or 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }
}
