package dev.trawl.indexer.source;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for a document's metadata field {@value #FIELD}: it is a calendar day, and filters
 * ({@code date_from} / {@code date_to}, ranges and equality on {@code date}) compare that day.
 *
 * <p>Accepted values, each a JSON string (surrounding whitespace ignored):
 *
 * <ul>
 *   <li>an ISO date {@code YYYY-MM-DD}, e.g. {@code 2026-03-04};
 *   <li>an ISO date-time, local ({@code 2026-03-04T10:00:00}, seconds and fractions optional)
 *       or with an offset ({@code 2026-03-04T10:00:00Z}, {@code 2026-03-04T23:30:00-05:00},
 *       optionally followed by a zone such as {@code [Europe/Paris]});
 *   <li>a list of such values (the document then has several days).
 * </ul>
 *
 * <p>The day of a value is the date as written: a date-time is never shifted to another time
 * zone, so {@code 2026-03-04T23:30:00-05:00} is 2026-03-04 even though it is March 5 in UTC.
 * Anything else is refused, including an unpadded {@code 2026-3-4} (the message shows the padded
 * form, as it does for a space before the time), an impossible day such as {@code 2026-02-30},
 * numbers and objects. Stateless and thread-safe.
 *
 * <p>Who applies it: {@link SourceDocument} checks it on construction, so every write path (CLI
 * JSONL import, HTTP PUT and bulk, transcripts) refuses a bad date through its own error
 * reporting; the indexer stores the value as written (what reads return) and indexes its
 * {@link #day} for filters. A plain {@code YYYY-MM-DD} indexes as itself, so collections written
 * before this rule need no migration; a date-time or a non-date they hold stays indexed as
 * written until the document is written again, and day filters may not match it.
 */
public final class MetadataDate {
  /** The metadata field this rule governs. */
  public static final String FIELD = "date";

  private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  /** A date, perhaps with one-digit month or day, and whatever follows it. */
  private static final Pattern UNPADDED = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(.*)", Pattern.DOTALL);

  private MetadataDate() {}

  /**
   * Checks a metadata value given for {@value #FIELD}: one accepted value or a list of them.
   *
   * @throws IllegalArgumentException naming the field, the bad value and the form to use
   */
  public static void check(Object value) {
    if (value instanceof Collection<?> values) {
      for (Object v : values) {
        day(v);
      }
    } else {
      day(value);
    }
  }

  /**
   * The day of one value, as {@code YYYY-MM-DD}: the value itself when it is a date, the date part
   * as written when it is a date-time.
   *
   * @throws IllegalArgumentException naming the field, the bad value and the form to use
   */
  public static String day(Object value) {
    if (!(value instanceof String s)) {
      throw invalid(shown(value), null);
    }
    String text = s.strip();
    if (text.length() >= 10 && ISO_DAY.matcher(text.substring(0, 10)).matches()) {
      String head = text.substring(0, 10);
      if (!isDay(head)) {
        throw invalid("'" + s + "'", "There is no such day: check the month and the day.");
      }
      if (text.length() == 10 || isDateTime(text)) {
        return head;
      }
    }
    String fixed = fixed(text);
    throw invalid("'" + s + "'", fixed == null ? null : "Write it as " + fixed + ".");
  }

  private static boolean isDay(String isoDay) {
    try {
      LocalDate.parse(isoDay);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean isDateTime(String text) {
    try {
      DateTimeFormatter.ISO_DATE_TIME.parse(text);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /**
   * The accepted form {@code text} was most likely meant as (month or day zero-padded, a space
   * before the time made a {@code T}), or null if there is none.
   */
  private static String fixed(String text) {
    Matcher m = UNPADDED.matcher(text);
    if (!m.matches()) {
      return null;
    }
    String rest = m.group(4).startsWith(" ") ? "T" + m.group(4).substring(1) : m.group(4);
    String candidate = m.group(1) + "-" + pad(m.group(2)) + "-" + pad(m.group(3)) + rest;
    if (candidate.equals(text)) {
      return null;
    }
    try {
      day(candidate);
      return candidate;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String pad(String digits) {
    return digits.length() == 1 ? "0" + digits : digits;
  }

  private static String shown(Object value) {
    return switch (value) {
      case null -> "null";
      case Number n -> n + " (a number)";
      case Boolean b -> b + " (a boolean)";
      case Map<?, ?> m -> "an object";
      case Collection<?> c -> "a list inside a list";
      default -> "a " + value.getClass().getSimpleName();
    };
  }

  private static IllegalArgumentException invalid(String got, String fix) {
    return new IllegalArgumentException("metadata '" + FIELD + "' must be an ISO date like 2026-03-04 (or a "
        + "date-time like 2026-03-04T10:00:00Z); got " + got + ". "
        + (fix != null ? fix : "Use another field name for dates that are not calendar dates."));
  }
}
