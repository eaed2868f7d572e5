package dev.trawl.indexer.transcript;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times in transcripts: {@code hh:mm:ss}, {@code mm:ss} or plain seconds, each optionally with a
 * fraction after {@code .} or {@code ,} (WebVTT and SRT milliseconds).
 */
public final class Timestamps {
  private static final Pattern CLOCK =
      Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{1,2})(?:[.,](\\d{1,9}))?");
  private static final Pattern SECONDS = Pattern.compile("(\\d{1,7})(?:[.,](\\d{1,9}))?");

  private Timestamps() {}

  /** True if {@code s} (trimmed) is a time this class can parse. */
  public static boolean looksLikeTime(String s) {
    String t = s.strip();
    return CLOCK.matcher(t).matches() || SECONDS.matcher(t).matches();
  }

  /**
   * Seconds from the start for {@code hh:mm:ss}, {@code mm:ss} or {@code ss}, with an optional
   * fraction.
   *
   * @throws IllegalArgumentException naming the accepted forms, if {@code s} is none of them or
   *     minutes or seconds are 60 or more
   */
  public static double parse(String s) {
    String t = s.strip();
    Matcher m = CLOCK.matcher(t);
    if (m.matches()) {
      int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      int minutes = Integer.parseInt(m.group(2));
      int seconds = Integer.parseInt(m.group(3));
      if (seconds >= 60 || (m.group(1) != null && minutes >= 60)) {
        throw new IllegalArgumentException("invalid time '" + s + "': minutes and seconds must be below 60");
      }
      return hours * 3600.0 + minutes * 60.0 + seconds + fraction(m.group(4));
    }
    m = SECONDS.matcher(t);
    if (m.matches()) {
      return Long.parseLong(m.group(1)) + fraction(m.group(2));
    }
    throw new IllegalArgumentException("invalid time '" + s + "': write hh:mm:ss, mm:ss or seconds");
  }

  private static double fraction(String digits) {
    return digits == null ? 0 : Double.parseDouble("0." + digits);
  }

  /** {@code hh:mm:ss} of {@code seconds} (fractions dropped); hours grow past 99 if need be. */
  public static String format(double seconds) {
    long s = (long) Math.floor(seconds);
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
