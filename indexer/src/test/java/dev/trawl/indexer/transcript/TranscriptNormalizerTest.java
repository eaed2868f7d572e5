package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptNormalizerTest {
  private static Turn turn(int i, String speaker, String text) {
    return new Turn(i, speaker, null, null, text);
  }

  @Test
  void removesNoiseMarkersAndDropsEmptyTurnsKeepingIndexes() {
    Transcript t = new Transcript("m", "", "", List.of(), List.of(
        turn(0, "A", "so {disfmarker} so we , {vocalsound} , agreed"),
        turn(1, "B", "{vocalsound} ."),
        turn(2, "A", "[laughter] Fine (inaudible) then {gap}"),
        turn(3, "B", "   ")));
    TranscriptNormalizer.Normalized n = TranscriptNormalizer.normalize(t);
    assertEquals(2, n.droppedTurns());
    List<Turn> turns = n.transcript().turns();
    assertEquals(List.of(0, 2), turns.stream().map(Turn::index).toList());
    assertEquals("so so we , agreed", turns.get(0).text());
    assertEquals("Fine then", turns.get(1).text());
  }

  @Test
  void speakerNamesIgnoreCaseAndSpacingAndResolveUniqueFirstNames() {
    Transcript t = new Transcript("m", "", "", List.of("Sarah Sachs"), List.of(
        turn(0, "sarah  sachs", "one"),
        turn(1, "Sarah", "two"),
        turn(2, "TOM LEE", "three"),
        turn(3, "Tom", "four"),
        turn(4, "PhD A", "five"),
        turn(5, "PhD B", "six")));
    TranscriptNormalizer.Normalized n = TranscriptNormalizer.normalize(t);
    assertEquals(List.of("Sarah Sachs", "Sarah Sachs", "Tom Lee", "Tom Lee", "PhD A", "PhD B"),
        n.transcript().turns().stream().map(Turn::speaker).toList());
    assertEquals(List.of("sarah sachs", "sarah"), n.speakers().matchKeys("Sarah Sachs"));
    assertEquals(List.of("phd a"), n.speakers().matchKeys("PhD A"), "a first word two speakers share is no key");
  }

  @Test
  void anAmbiguousFirstNameStaysAsWritten() {
    Transcript t = new Transcript("m", "", "", List.of(), List.of(
        turn(0, "Sarah Sachs", "one"), turn(1, "Sarah Lin", "two"), turn(2, "Sarah", "three")));
    TranscriptNormalizer.Normalized n = TranscriptNormalizer.normalize(t);
    assertEquals("Sarah", n.transcript().turns().get(2).speaker());
    assertEquals(List.of("sarah sachs"), n.speakers().matchKeys("Sarah Sachs"));
    assertTrue(n.speakers().matchKeys("Sarah").contains("sarah"));
  }
}
