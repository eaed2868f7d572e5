package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A window of consecutive transcript lines, the unit that is indexed and retrieved.
 *
 * @param index 0-based position of the chunk in its meeting
 * @param lines the lines, in spoken order (never empty)
 */
public record TranscriptChunk(int index, List<ChunkLine> lines) {
  public TranscriptChunk {
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a chunk has at least one line");
    }
  }

  /** Distinct speakers in order of first appearance. */
  public List<String> speakers() {
    Set<String> s = new LinkedHashSet<>();
    for (ChunkLine l : lines) {
      s.add(l.speaker());
    }
    return new ArrayList<>(s);
  }

  /** Distinct turn indexes covered, in order. */
  public List<Integer> turns() {
    Set<Integer> s = new LinkedHashSet<>();
    for (ChunkLine l : lines) {
      s.add(l.turn());
    }
    return new ArrayList<>(s);
  }

  /** Start of the first line that has one, or null. */
  public Double start() {
    for (ChunkLine l : lines) {
      if (l.start() != null) {
        return l.start();
      }
    }
    return null;
  }

  /** End of the last line that has one (its start if it has no end), or null. */
  public Double end() {
    for (int i = lines.size() - 1; i >= 0; i--) {
      ChunkLine l = lines.get(i);
      if (l.end() != null) {
        return l.end();
      }
      if (l.start() != null) {
        return l.start();
      }
    }
    return null;
  }
}
