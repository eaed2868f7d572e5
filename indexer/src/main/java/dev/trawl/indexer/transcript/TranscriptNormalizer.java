package dev.trawl.indexer.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a parsed transcript for indexing: noise markers removed ({@link NoiseFilter}), turns
 * left without a letter or digit dropped (the others keep their source {@link Turn#index()}), and
 * speaker names normalised ({@link SpeakerNames}).
 */
public final class TranscriptNormalizer {
  private TranscriptNormalizer() {}

  /** The cleaned transcript and its speaker names. */
  public record Normalized(Transcript transcript, SpeakerNames speakers, int droppedTurns) {}

  public static Normalized normalize(Transcript transcript) {
    List<Turn> kept = new ArrayList<>(transcript.turns().size());
    for (Turn t : transcript.turns()) {
      String text = NoiseFilter.clean(t.text());
      if (!NoiseFilter.isEmpty(text)) {
        kept.add(t.withText(text));
      }
    }
    Transcript cleaned = transcript.withTurns(kept);
    SpeakerNames names = SpeakerNames.of(cleaned);
    return new Normalized(names.apply(cleaned), names, transcript.turns().size() - kept.size());
  }
}
