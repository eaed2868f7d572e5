package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads SubRip (SRT) subtitles:
 *
 * <pre>
 * 1
 * 00:14:07,000 --> 00:14:12,500
 * Sarah Sachs: We should cut the release on Thursday.
 * </pre>
 *
 * <p>Blocks are separated by blank lines: a cue number, a timing line, then text. The speaker of
 * a cue is a {@code Name:} label at the start of its text, else the previous cue's speaker;
 * consecutive cues of one speaker become one turn (see {@link Cues}); markup such as
 * {@code <i>} is removed. Errors, each naming the line: a block whose first line is not a cue
 * number, a missing or malformed timing line, a cue that ends before it starts.
 */
public final class SrtParser implements TranscriptParser {
  static final String EXAMPLE = "00:14:07,000 --> 00:14:12,500";

  @Override
  public Transcript parse(String text, String source) {
    ParseErrors errors = new ParseErrors(source);
    String[] lines = TranscriptParser.lines(text);
    List<Cues.Cue> cues = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int blockStart = i;
      List<String> block = new ArrayList<>();
      while (i < lines.length && !lines[i].isBlank()) {
        block.add(lines[i]);
        i++;
      }
      String first = block.get(0).strip();
      int timingAt;
      if (first.matches("\\d+")) {
        timingAt = 1;
      } else if (Cues.isTiming(first)) {
        timingAt = 0; // a cue without its number: tolerated
      } else {
        errors.add(blockStart + 1, "expected a cue number (1, 2, ...) or a timing line, found '" + abbreviate(first)
            + "'");
        continue;
      }
      if (timingAt >= block.size() || !Cues.isTiming(block.get(timingAt))) {
        errors.add(blockStart + 1 + timingAt, "cue " + first + " has no timing line; write '" + EXAMPLE + "'");
        continue;
      }
      double[] t = Cues.timing(block.get(timingAt), blockStart + 1 + timingAt, EXAMPLE, errors);
      if (t != null) {
        cues.add(new Cues.Cue(blockStart + 1, t[0], t[1], block.subList(timingAt + 1, block.size())));
      }
    }
    if (cues.isEmpty() && errors.isEmpty()) {
      errors.add(1, "no cues found; an SRT cue is a number, a line like '" + EXAMPLE + "', then its text");
    }
    errors.throwIfAny();
    return new Transcript("", "", "", List.of(), Cues.toTurns(cues));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
