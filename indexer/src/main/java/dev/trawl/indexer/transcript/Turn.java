package dev.trawl.indexer.transcript;

import java.util.Objects;

/**
 * One speaker turn of a transcript: who spoke, when, and what.
 *
 * @param index 0-based position of the turn in its source transcript; kept when other turns are
 *     dropped (empty turns), so it always names the same turn of the source
 * @param speaker the speaker's name as given (never null; normalised by {@link SpeakerNames})
 * @param start seconds from the start of the meeting, or null when the source has no times
 * @param end seconds at which the turn ends, or null when unknown
 * @param text what was said (never null; may still hold noise markers until {@link NoiseFilter}
 *     has run)
 */
public record Turn(int index, String speaker, Double start, Double end, String text) {
  public Turn {
    if (index < 0) {
      throw new IllegalArgumentException("turn index must be >= 0, was " + index);
    }
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(text, "text");
    if (start != null && (start < 0 || start.isNaN() || start.isInfinite())) {
      throw new IllegalArgumentException("turn " + index + ": start must be a finite time >= 0, was " + start);
    }
    if (end != null && (end.isNaN() || end.isInfinite() || (start != null && end < start))) {
      throw new IllegalArgumentException("turn " + index + ": end " + end + " is before start " + start);
    }
  }

  public Turn withSpeaker(String newSpeaker) {
    return new Turn(index, newSpeaker, start, end, text);
  }

  public Turn withText(String newText) {
    return new Turn(index, speaker, start, end, newText);
  }

  public Turn withEnd(Double newEnd) {
    return new Turn(index, speaker, start, newEnd, text);
  }
}
