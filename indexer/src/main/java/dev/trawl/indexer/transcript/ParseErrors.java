package dev.trawl.indexer.transcript;

import dev.trawl.indexer.source.MalformedInputException;
import dev.trawl.indexer.source.MalformedInputException.LineError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects a parser's line errors; {@link #throwIfAny()} rejects the whole file if there was one. */
final class ParseErrors {
  private static final int MAX_REPORTED = 20;

  private final String source;
  private final List<LineError> errors = new ArrayList<>();
  private final Set<Long> badLines = new HashSet<>();

  ParseErrors(String source) {
    this.source = source;
  }

  /** Records a problem on {@code line}; a line with several problems counts once as a bad line. */
  void add(long line, String message) {
    badLines.add(line);
    if (errors.size() < MAX_REPORTED) {
      errors.add(new LineError(line, message));
    }
  }

  boolean isEmpty() {
    return badLines.isEmpty();
  }

  /** @throws MalformedInputException listing the bad lines, if any was added */
  void throwIfAny() {
    if (!badLines.isEmpty()) {
      throw new MalformedInputException(source, errors, badLines.size());
    }
  }

  static MalformedInputException single(String source, long line, String message) {
    return new MalformedInputException(source, List.of(new LineError(line, message)), 1);
  }
}
