package dev.trawl.indexer.transcript;

import java.util.List;

/**
 * How transcript chunks are written as document text, and read back. A chunk's text is an
 * optional header line {@code Speakers: Sarah Sachs, Tom Lee} followed by one line per
 * {@link ChunkLine}: {@code [00:14:07] Sarah Sachs: text}, or {@code Sarah Sachs: text} when the
 * transcript has no times. Turn text never holds a line break, so lines and chunk lines correspond
 * one to one.
 */
public final class TranscriptText {
  static final String HEADER_PREFIX = "Speakers: ";

  private TranscriptText() {}

  /** The rendered line of {@code l}. */
  public static String line(ChunkLine l) {
    return prefix(l.start(), l.speaker()) + l.text();
  }

  /** What precedes the text on a line: {@code "[00:14:07] Sarah Sachs: "}. */
  public static String prefix(Double start, String speaker) {
    return (start == null ? "" : "[" + Timestamps.format(start) + "] ") + speaker + ": ";
  }

  /** The header line for {@code speakers}. */
  public static String header(List<String> speakers) {
    return HEADER_PREFIX + String.join(", ", speakers);
  }

  /** The document title of a chunk of {@code t}: its title, else its meeting id. */
  public static String title(Transcript t) {
    return t.title().isEmpty() ? t.meetingId() : t.title();
  }

  /** The text of a chunk: header (if wanted) and lines, separated by line breaks. */
  public static String chunkText(TranscriptChunk chunk, boolean header) {
    StringBuilder sb = new StringBuilder();
    if (header) {
      sb.append(header(chunk.speakers()));
    }
    for (ChunkLine l : chunk.lines()) {
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(line(l));
    }
    return sb.toString();
  }

  /**
   * The last {@code count} lines of a chunk's text (its lines without the header), so that
   * element {@code i} is the chunk's {@code i}-th line.
   *
   * @throws IllegalArgumentException if the text has fewer lines
   */
  public static List<String> bodyLines(String chunkText, int count) {
    List<String> lines = List.of(chunkText.split("\n", -1));
    if (lines.size() < count) {
      throw new IllegalArgumentException("chunk text has " + lines.size() + " lines, expected at least " + count);
    }
    return lines.subList(lines.size() - count, lines.size());
  }

  /** The spoken text of a rendered line, given the line's start and speaker. */
  public static String textOf(String renderedLine, Double start, String speaker) {
    String p = prefix(start, speaker);
    return renderedLine.startsWith(p) ? renderedLine.substring(p.length()) : renderedLine;
  }
}
