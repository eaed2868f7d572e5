package dev.trawl.indexer.transcript;

import java.util.Locale;
import java.util.regex.Pattern;

/** The transcript formats Trawl reads, with detection from a file's first lines. */
public enum TranscriptFormat {
  /** {@code [00:14:07] Sarah Sachs: text}, turns may continue over several lines. */
  BRACKET("bracket", new BracketTimestampParser()),
  /** {@code Sarah Sachs: text} without times. */
  SPEAKER("speaker", new SpeakerColonParser()),
  /** WebVTT captions, {@code <v Speaker>} voice tags. */
  VTT("vtt", new WebVttParser()),
  /** SubRip subtitles. */
  SRT("srt", new SrtParser()),
  /** {@code {meeting_id, title, date, participants, turns: [{speaker, start, end, text}]}}. */
  JSON("json", new JsonTranscriptParser());

  private static final Pattern BRACKET_LINE = Pattern.compile("^\\[\\s*\\d.*");
  private static final Pattern NUMBER = Pattern.compile("^\\d+$");

  private final String label;
  private final TranscriptParser parser;

  TranscriptFormat(String label, TranscriptParser parser) {
    this.label = label;
    this.parser = parser;
  }

  /** The name used on the command line and in the API. */
  public String label() {
    return label;
  }

  public TranscriptParser parser() {
    return parser;
  }

  /**
   * The format named {@code name} ({@code bracket}, {@code speaker}, {@code vtt}, {@code srt},
   * {@code json}; {@code webvtt} is accepted too), or null for {@code auto}, null or blank.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static TranscriptFormat parse(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
      return null;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.equals("webvtt")) {
      return VTT;
    }
    for (TranscriptFormat f : values()) {
      if (f.label.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown transcript format '" + name
        + "': use auto, bracket, speaker, vtt, srt or json");
  }

  /**
   * Detects the format from the first non-blank lines: {@code WEBVTT} means VTT, a leading
   * {@code {} JSON, a cue number followed by a timing line (or a timing line) SRT, a line starting
   * with {@code [} and a digit BRACKET, a {@code Name:} label SPEAKER.
   *
   * @throws dev.trawl.indexer.source.MalformedInputException naming the first line, if none fits
   */
  public static TranscriptFormat detect(String text, String source) {
    String[] lines = TranscriptParser.lines(text);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i == lines.length) {
      throw ParseErrors.single(source, 1, "the transcript is empty");
    }
    String first = lines[i].strip();
    if (first.startsWith("WEBVTT")) {
      return VTT;
    }
    if (first.startsWith("{")) {
      return JSON;
    }
    if (Cues.isTiming(first)) {
      return SRT;
    }
    if (NUMBER.matcher(first).matches()) {
      int j = i + 1;
      if (j < lines.length && Cues.isTiming(lines[j])) {
        return SRT;
      }
    }
    if (BRACKET_LINE.matcher(first).matches()) {
      return BRACKET;
    }
    if (SpeakerLabel.match(first) != null) {
      return SPEAKER;
    }
    String shown = first.length() > 60 ? first.substring(0, 60) + "..." : first;
    throw ParseErrors.single(source, i + 1, "cannot tell the transcript format from '" + shown
        + "'; expected '[00:14:07] Name: text', 'Name: text', WEBVTT, SRT or a JSON object (or choose one with "
        + "--format)");
  }

  /** Parses {@code text} in {@code format}, detecting it when {@code format} is null. */
  public static Transcript read(String text, TranscriptFormat format, String source) {
    TranscriptFormat f = format != null ? format : detect(text, source);
    return f.parser().parse(text, source);
  }
}
