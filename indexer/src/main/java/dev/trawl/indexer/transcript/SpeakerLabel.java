package dev.trawl.indexer.transcript;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a {@code Speaker: text} line start. A label starts with a letter, has at most 60
 * characters in at most 6 words of letters, digits and {@code . ' - _ ( ) &}, and its colon is
 * followed by whitespace or the end of the line (so {@code http://x} and {@code 10:30} are not
 * labels). A prose line such as {@code Note: ...} does look like a label; that is a known limit.
 */
final class SpeakerLabel {
  private static final Pattern LABEL = Pattern.compile(
      "^(\\p{L}[\\p{L}\\p{M}\\p{N} .'\u2019_()&-]{0,59}?)\\s*:(?:\\s+(.*))?$");
  private static final int MAX_WORDS = 6;

  /** A label and the text after it. */
  record Match(String speaker, String rest) {}

  private SpeakerLabel() {}

  /** The label at the start of {@code line} (already stripped), or null if the line has none. */
  static Match match(String line) {
    Matcher m = LABEL.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String speaker = TranscriptParser.collapse(m.group(1));
    if (speaker.isEmpty() || speaker.split(" ").length > MAX_WORDS) {
      return null;
    }
    return new Match(speaker, m.group(2) == null ? "" : m.group(2));
  }
}
