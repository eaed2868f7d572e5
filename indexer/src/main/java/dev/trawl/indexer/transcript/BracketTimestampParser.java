package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads transcripts whose turns start with a bracketed time, as meeting tools export them:
 *
 * <pre>
 * [00:14:07] Sarah Sachs: We should cut the release on Thursday,
 * provided the migration is done.
 * [00:15:32] Tom Lee: Agreed.
 * </pre>
 *
 * <p>A turn line is {@code [time] Speaker: text}, or {@code [start-end] Speaker: text} with an
 * explicit end; times as {@link Timestamps} reads them. A line that does not start with
 * {@code [} and a digit continues the turn above it (so {@code [laughter]} is text). A turn with
 * no explicit end ends when the next one starts; the last one's end is unknown.
 *
 * <p>Errors, each naming the line: text before the first turn line, a turn line without a
 * speaker, a malformed time, a time earlier than the turn before it.
 */
public final class BracketTimestampParser implements TranscriptParser {
  private static final Pattern TURN =
      Pattern.compile("^\\[\\s*([^\\]\\-\u2013]+?)\\s*(?:[-\u2013]\\s*([^\\]]+?)\\s*)?\\]\\s*(.*)$");
  private static final Pattern STARTS_WITH_TIME = Pattern.compile("^\\[\\s*\\d.*");

  @Override
  public Transcript parse(String text, String source) {
    ParseErrors errors = new ParseErrors(source);
    String[] lines = TranscriptParser.lines(text);
    List<Turn> turns = new ArrayList<>();
    List<Double> explicitEnds = new ArrayList<>();
    StringBuilder current = null;
    String speaker = null;
    double start = 0;
    double previousStart = -1;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!STARTS_WITH_TIME.matcher(line).matches()) {
        if (current == null) {
          errors.add(lineNo, "text before the first turn; start each turn with a line like "
              + "'[00:14:07] Sarah Sachs: text'");
        } else {
          current.append(' ').append(line);
        }
        continue;
      }
      Matcher m = TURN.matcher(line);
      if (!m.matches()) {
        errors.add(lineNo, "malformed turn line; write '[hh:mm:ss] Speaker: text'");
        current = null;
        continue;
      }
      Double s = time(m.group(1), lineNo, errors);
      Double e = m.group(2) == null ? null : time(m.group(2), lineNo, errors);
      SpeakerLabel.Match label = SpeakerLabel.match(m.group(3));
      if (label == null) {
        errors.add(lineNo, "no speaker after the time; write '[" + m.group(1) + "] Name: text'");
      }
      if (s != null && s < previousStart) {
        errors.add(lineNo, "time " + m.group(1) + " is earlier than the turn before it ("
            + Timestamps.format(previousStart) + "); turns must be in time order");
      }
      if (s != null && e != null && e < s) {
        errors.add(lineNo, "end time " + m.group(2) + " is before start time " + m.group(1));
      }
      if (s == null || label == null || (e != null && e < s)) {
        current = new StringBuilder(); // keep collecting continuation lines, but the file is rejected
        speaker = null;
        continue;
      }
      if (current != null && speaker != null) {
        turns.add(new Turn(turns.size(), speaker, start, null, TranscriptParser.collapse(current.toString())));
      }
      previousStart = s;
      speaker = label.speaker();
      start = s;
      explicitEnds.add(e);
      current = new StringBuilder(label.rest());
    }
    if (current != null && speaker != null) {
      turns.add(new Turn(turns.size(), speaker, start, null, TranscriptParser.collapse(current.toString())));
    }
    if (turns.isEmpty() && errors.isEmpty()) {
      errors.add(1, "no turns found; each turn starts with a line like '[00:14:07] Sarah Sachs: text'");
    }
    errors.throwIfAny();
    List<Turn> withEnds = new ArrayList<>(turns.size());
    for (int i = 0; i < turns.size(); i++) {
      Double end = explicitEnds.get(i);
      if (end == null && i + 1 < turns.size()) {
        end = turns.get(i + 1).start();
      }
      withEnds.add(turns.get(i).withEnd(end));
    }
    return new Transcript("", "", "", List.of(), withEnds);
  }

  private static Double time(String s, int lineNo, ParseErrors errors) {
    try {
      return Timestamps.parse(s);
    } catch (IllegalArgumentException e) {
      errors.add(lineNo, e.getMessage());
      return null;
    }
  }
}
