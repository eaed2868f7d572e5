package dev.trawl.indexer.source;

import java.util.List;

/**
 * Thrown when an input file has lines that cannot be read as documents. Nothing from the
 * file has been indexed when this is thrown: input files are validated whole before any
 * write.
 */
public final class MalformedInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One bad line: its 1-based number and what is wrong with it. */
  public record LineError(long line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  private final transient List<LineError> errors;
  private final long badLines;

  public MalformedInputException(String source, List<LineError> errors, long badLines) {
    super(describe(source, errors, badLines));
    this.errors = List.copyOf(errors);
    this.badLines = badLines;
  }

  /** The first bad lines (at most a few dozen). */
  public List<LineError> errors() {
    return errors;
  }

  /** Total number of bad lines in the input. */
  public long badLines() {
    return badLines;
  }

  private static String describe(String source, List<LineError> errors, long badLines) {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": ").append(badLines).append(badLines == 1 ? " bad line" : " bad lines")
        .append("; the file was rejected and nothing from it was indexed. Fix these lines and run again:");
    for (LineError e : errors) {
      sb.append("\n  ").append(e);
    }
    if (badLines > errors.size()) {
      sb.append("\n  ... and ").append(badLines - errors.size()).append(" more");
    }
    return sb.toString();
  }
}
