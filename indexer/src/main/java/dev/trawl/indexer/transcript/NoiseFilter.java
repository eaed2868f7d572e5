package dev.trawl.indexer.transcript;

import java.util.regex.Pattern;

/**
 * Removes transcription noise from turn text so that it never becomes indexed content:
 * curly-brace markers as in the AMI and ICSI corpora ({@code {vocalsound}}, {@code {disfmarker}},
 * {@code {gap}}, {@code {pause}}, ...), and bracketed sound annotations of caption files
 * ({@code [laughter]}, {@code (inaudible)}, {@code [crosstalk]}, ...). Whitespace is collapsed, and
 * the run of commas a removed marker can leave ({@code "so , , so"}) becomes one. A turn whose cleaned
 * text has no letter or digit is empty.
 */
public final class NoiseFilter {
  private static final Pattern CURLY = Pattern.compile("\\{[A-Za-z_]{1,40}\\}");
  private static final Pattern SOUNDS = Pattern.compile(
      "[\\[(](?:laughter|laughs|laughing|chuckles|inaudible|unintelligible|crosstalk|music|applause|silence"
          + "|noise|background noise|coughs?|pause|sighs?|indiscernible)[\\])]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern REPEATED_COMMA = Pattern.compile("(, ){2,}");

  private NoiseFilter() {}

  /** {@code text} without noise markers, whitespace collapsed. */
  public static String clean(String text) {
    String t = CURLY.matcher(text).replaceAll(" ");
    t = SOUNDS.matcher(t).replaceAll(" ");
    t = SPACES.matcher(t).replaceAll(" ").strip();
    t = REPEATED_COMMA.matcher(t).replaceAll(", ");
    if (t.startsWith(", ") || t.startsWith(". ")) {
      t = t.substring(2);
    }
    return t;
  }

  /** True when {@code text} has no letter or digit, so it carries nothing to index. */
  public static boolean isEmpty(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
