package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subtitle cues (WebVTT, SRT) to turns: finds each cue's speaker, gives unlabelled cues the
 * previous speaker, and joins consecutive cues of one speaker into one turn, because subtitle
 * cues are cut for reading speed (a few seconds each), not at speaker changes.
 */
final class Cues {
  static final String UNKNOWN_SPEAKER = "Unknown speaker";
  private static final Pattern TIMING = Pattern.compile("^(\\S+)\\s+-->\\s+(\\S+)(?:\\s.*)?$");
  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?\\s+([^>]+)>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  /** One cue: where it starts in the file, its times and its text lines. */
  record Cue(int line, double start, double end, List<String> payload) {}

  /** A run of non-blank lines; {@code start} is the 0-based index of its first line. */
  record Block(int start, List<String> lines) {
    String first() {
      return lines.get(0).strip();
    }
  }

  private Cues() {}

  /** The blocks of {@code lines} from index {@code from} on, separated by blank lines. */
  static List<Block> blocks(String[] lines, int from) {
    List<Block> blocks = new ArrayList<>();
    int i = from;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int start = i;
      List<String> block = new ArrayList<>();
      while (i < lines.length && !lines[i].isBlank()) {
        block.add(lines[i]);
        i++;
      }
      blocks.add(new Block(start, block));
    }
    return blocks;
  }

  /**
   * Adds to {@code cues} the cue of {@code block} whose timing is its line {@code timingAt}, or
   * records an error naming the line: {@code label} names the cue in the message when that line
   * is not a timing line.
   */
  static void addCue(Block block, int timingAt, String label, String example, ParseErrors errors, List<Cue> cues) {
    int lineNo = block.start() + 1 + timingAt;
    if (timingAt >= block.lines().size() || !isTiming(block.lines().get(timingAt))) {
      errors.add(lineNo, label + " has no timing line; write '" + example + "'");
      return;
    }
    double[] t = timing(block.lines().get(timingAt), lineNo, example, errors);
    if (t != null) {
      cues.add(new Cue(block.start() + 1, t[0], t[1], block.lines().subList(timingAt + 1, block.lines().size())));
    }
  }

  static boolean isTiming(String line) {
    return line.contains("-->");
  }

  /** Parses a timing line into {start, end}, or records an error naming {@code lineNo} and returns null. */
  static double[] timing(String line, int lineNo, String example, ParseErrors errors) {
    Matcher m = TIMING.matcher(line.strip());
    if (!m.matches()) {
      errors.add(lineNo, "malformed cue timing '" + line.strip() + "'; write '" + example + "'");
      return null;
    }
    try {
      double start = Timestamps.parse(m.group(1));
      double end = Timestamps.parse(m.group(2));
      if (end < start) {
        errors.add(lineNo, "cue ends (" + m.group(2) + ") before it starts (" + m.group(1) + ")");
        return null;
      }
      return new double[] {start, end};
    } catch (IllegalArgumentException e) {
      errors.add(lineNo, e.getMessage() + " in cue timing; write '" + example + "'");
      return null;
    }
  }

  /** Turns from cues in file order. */
  static List<Turn> toTurns(List<Cue> cues) {
    List<Turn> turns = new ArrayList<>();
    String previousSpeaker = null;
    for (Cue cue : cues) {
      for (Segment s : segments(cue)) {
        String speaker = s.speaker != null ? s.speaker : previousSpeaker != null ? previousSpeaker : UNKNOWN_SPEAKER;
        String text = TranscriptParser.collapse(s.text.toString());
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.speaker().equals(speaker)) {
          String joined = last.text().isEmpty() ? text : text.isEmpty() ? last.text() : last.text() + " " + text;
          turns.set(turns.size() - 1, new Turn(last.index(), speaker, last.start(),
              Math.max(cue.end(), last.end() == null ? cue.end() : last.end()), joined));
        } else {
          turns.add(new Turn(turns.size(), speaker, cue.start(), cue.end(), text));
        }
        previousSpeaker = speaker;
      }
    }
    return turns;
  }

  private static final class Segment {
    final String speaker;
    final StringBuilder text = new StringBuilder();

    Segment(String speaker) {
      this.speaker = speaker;
    }
  }

  /** A cue's text split where a voice tag or a {@code Name:} label starts a new speaker. */
  private static List<Segment> segments(Cue cue) {
    List<Segment> out = new ArrayList<>();
    for (String raw : cue.payload()) {
      String line = raw.strip();
      if (line.startsWith("- ") || line.startsWith("\u2013 ")) {
        line = line.substring(2).strip();
      }
      Matcher voice = VOICE.matcher(line);
      String speaker = null;
      String text = line;
      if (voice.find() && line.substring(0, voice.start()).isBlank()) {
        speaker = TranscriptParser.collapse(voice.group(1));
        text = line.substring(voice.end());
      } else {
        SpeakerLabel.Match label = SpeakerLabel.match(clean(line));
        if (label != null) {
          speaker = label.speaker();
          text = label.rest();
        }
      }
      text = clean(text);
      if (speaker != null || out.isEmpty()) {
        out.add(new Segment(speaker));
      }
      Segment seg = out.get(out.size() - 1);
      if (!seg.text.isEmpty()) {
        seg.text.append(' ');
      }
      seg.text.append(text);
    }
    return out;
  }

  /** Removes markup tags and decodes the character references WebVTT allows. */
  static String clean(String text) {
    String t = TAG.matcher(text).replaceAll("");
    return t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&lrm;", "").replace("&rlm;", "").replace("&amp;", "&");
  }
}
