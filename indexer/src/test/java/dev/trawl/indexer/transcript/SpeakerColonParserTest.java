package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.source.MalformedInputException;
import org.junit.jupiter.api.Test;

class SpeakerColonParserTest {
  private final SpeakerColonParser parser = new SpeakerColonParser();

  @Test
  void readsLabelledTurnsAndContinuations() {
    Transcript t = parser.parse(Fixtures.read("short-speaker.txt"), "short-speaker.txt");
    assertEquals(3, t.turns().size());
    assertEquals("Sarah Sachs", t.turns().get(0).speaker());
    assertEquals("Okay, let's start with the Postgres 16 migration. Tom, where are we?", t.turns().get(0).text());
    assertNull(t.turns().get(0).start());
    assertEquals("TOM LEE", t.turns().get(1).speaker());
    assertEquals("Priya Raman", t.turns().get(2).speaker());
    assertEquals("Yeah.", t.turns().get(2).text(), "text on the line after the label belongs to the turn");
  }

  @Test
  void urlsAndClockTimesAreNotLabels() {
    Transcript t = parser.parse("Ann: see\nhttp://example.com/x and 10:30 today", "x");
    assertEquals(1, t.turns().size());
    assertEquals("see http://example.com/x and 10:30 today", t.turns().get(0).text());
  }

  @Test
  void rejectsTextBeforeTheFirstSpeaker() {
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> parser.parse("\nMinutes of the meeting\nAnn: hello", "notes.txt"));
    assertEquals(1, e.badLines());
    assertEquals(2, e.errors().get(0).line());
    assertTrue(e.errors().get(0).message().contains("Speaker Name: text"));
  }

  @Test
  void rejectsAFileWithoutAnyTurn() {
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> parser.parse("  \n", "empty.txt"));
    assertTrue(e.getMessage().contains("no turns found"), e.getMessage());
  }
}
