package dev.trawl.indexer.source;

import java.util.regex.Pattern;

/**
 * Jackson's parse messages made fit for the person who wrote the input. Jackson names where an
 * error is as {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled);
 * line: 1, column: 9]}, which speaks of a parser setting; this keeps the line and column only.
 */
public final class JsonMessages {
  private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  private JsonMessages() {}

  /** {@code message} with each {@code [Source: ...; line: L, column: C]} replaced by "line L, column C"; "" for null. */
  public static String withoutSource(String message) {
    return message == null ? "" : SOURCE.matcher(message).replaceAll("line $1, column $2");
  }
}
