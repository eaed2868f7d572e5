package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads WebVTT captions, including voice tags:
 *
 * <pre>
 * WEBVTT
 *
 * 1
 * 00:14:07.000 --> 00:14:12.500
 * &lt;v Sarah Sachs&gt;We should cut the release on Thursday.
 * </pre>
 *
 * <p>The speaker of a cue is its {@code <v Name>} voice tag, else a {@code Name:} label at the
 * start of its text, else the previous cue's speaker. Consecutive cues of one speaker become one
 * turn (see {@link Cues}). {@code NOTE}, {@code STYLE} and {@code REGION} blocks are skipped;
 * other markup is removed. Errors, each naming the line: no {@code WEBVTT} first line, a cue
 * without a timing line, a malformed time, a cue that ends before it starts.
 */
public final class WebVttParser implements TranscriptParser {
  static final String EXAMPLE = "00:14:07.000 --> 00:14:12.500";

  @Override
  public Transcript parse(String text, String source) {
    ParseErrors errors = new ParseErrors(source);
    String[] lines = TranscriptParser.lines(text);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i >= lines.length || !lines[i].strip().startsWith("WEBVTT")) {
      throw ParseErrors.single(source, i + 1, "a WebVTT file must start with a 'WEBVTT' line");
    }
    // Skip the header block (the WEBVTT line and any header lines up to the first blank line).
    while (i < lines.length && !lines[i].isBlank()) {
      i++;
    }
    List<Cues.Cue> cues = new ArrayList<>();
    for (Cues.Block block : Cues.blocks(lines, i)) {
      String first = block.first();
      if (first.startsWith("NOTE") || first.equals("STYLE") || first.equals("REGION")) {
        continue;
      }
      Cues.addCue(block, Cues.isTiming(first) ? 0 : 1, "cue '" + first + "'", EXAMPLE, errors, cues);
    }
    if (cues.isEmpty() && errors.isEmpty()) {
      errors.add(1, "no cues found; a cue is a line like '" + EXAMPLE + "' followed by its text");
    }
    errors.throwIfAny();
    return new Transcript("", "", "", List.of(), Cues.toTurns(cues));
  }
}
