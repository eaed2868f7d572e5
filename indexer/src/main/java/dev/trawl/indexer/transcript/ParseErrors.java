package dev.trawl.indexer.transcript;

import dev.trawl.indexer.source.MalformedInputException;
import dev.trawl.indexer.source.MalformedInputException.LineError;
import java.util.ArrayList;
import java.util.List;

/** Collects a parser's line errors; {@link #throwIfAny()} rejects the whole file if there was one. */
final class ParseErrors {
  private static final int MAX_REPORTED = 20;

  private final String source;
  private final List<LineError> errors = new ArrayList<>();
  private long count;

  ParseErrors(String source) {
    this.source = source;
  }

  void add(long line, String message) {
    count++;
    if (errors.size() < MAX_REPORTED) {
      errors.add(new LineError(line, message));
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** @throws MalformedInputException listing the bad lines, if any was added */
  void throwIfAny() {
    if (count > 0) {
      throw new MalformedInputException(source, errors, count);
    }
  }

  static MalformedInputException single(String source, long line, String message) {
    return new MalformedInputException(source, List.of(new LineError(line, message)), 1);
  }
}
