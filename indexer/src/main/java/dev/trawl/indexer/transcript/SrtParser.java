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
    for (Cues.Block block : Cues.blocks(lines, 0)) {
      String first = block.first();
      int timingAt;
      if (first.matches("\\d+")) {
        timingAt = 1;
      } else if (Cues.isTiming(first)) {
        timingAt = 0; // a cue without its number: tolerated
      } else {
        errors.add(block.start() + 1, "expected a cue number (1, 2, ...) or a timing line, found '"
            + abbreviate(first) + "'");
        continue;
      }
      Cues.addCue(block, timingAt, "cue " + first, EXAMPLE, errors, cues);
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
