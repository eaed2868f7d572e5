package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads plain {@code Speaker: text} transcripts without times:
 *
 * <pre>
 * Sarah Sachs: We should cut the release on Thursday,
 * provided the migration is done.
 * Tom Lee: Agreed.
 * </pre>
 *
 * <p>A line that starts with a speaker label ({@link SpeakerLabel}) starts a turn; any other
 * non-blank line continues the turn above it. Errors: text before the first labelled line, and a
 * file with no labelled line at all.
 */
public final class SpeakerColonParser implements TranscriptParser {
  @Override
  public Transcript parse(String text, String source) {
    ParseErrors errors = new ParseErrors(source);
    String[] lines = TranscriptParser.lines(text);
    List<Turn> turns = new ArrayList<>();
    String speaker = null;
    StringBuilder current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      SpeakerLabel.Match label = SpeakerLabel.match(line);
      if (label != null) {
        if (speaker != null) {
          turns.add(new Turn(turns.size(), speaker, null, null, TranscriptParser.collapse(current.toString())));
        }
        speaker = label.speaker();
        current = new StringBuilder(label.rest());
      } else if (speaker == null) {
        errors.add(i + 1, "text before the first turn; start each turn with 'Speaker Name: text'");
      } else {
        current.append(' ').append(line);
      }
    }
    if (speaker != null) {
      turns.add(new Turn(turns.size(), speaker, null, null, TranscriptParser.collapse(current.toString())));
    }
    if (turns.isEmpty() && errors.isEmpty()) {
      errors.add(1, "no turns found; each turn starts with 'Speaker Name: text'");
    }
    errors.throwIfAny();
    return new Transcript("", "", "", List.of(), turns);
  }
}
