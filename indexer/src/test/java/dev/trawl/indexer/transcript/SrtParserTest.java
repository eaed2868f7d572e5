package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.source.MalformedInputException;
import org.junit.jupiter.api.Test;

class SrtParserTest {
  private final SrtParser parser = new SrtParser();

  @Test
  void readsCuesLabelsAndMarkup() {
    Transcript t = parser.parse(Fixtures.read("short.srt"), "short.srt");
    assertEquals(3, t.turns().size());
    assertEquals("Sarah Sachs", t.turns().get(0).speaker());
    assertEquals("Okay, let's start with the Postgres 16 migration. Tom, where are we?", t.turns().get(0).text(),
        "an unlabelled cue continues the previous speaker");
    assertEquals(5.0, t.turns().get(0).start());
    assertEquals(12.0, t.turns().get(0).end());
    assertEquals("The logical replica is in sync.", t.turns().get(1).text(), "markup is removed");
    assertEquals(20.25, t.turns().get(2).start());
  }

  @Test
  void toleratesCrlfAndABom() {
    Transcript t = parser.parse("\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nAnn: hi\r\n", "x.srt");
    assertEquals("Ann", t.turns().get(0).speaker());
    assertEquals(1.0, t.turns().get(0).start());
  }

  @Test
  void rejectsBadBlocksNamingTheLine() {
    String srt = "1\n00:00:01,000 --> 00:00:02,000\nAnn: hi\n\nsecond\n00:00:03,000 --> 00:00:04,000\nAnn: x\n\n"
        + "3\n00:00:05,000 to 00:00:06,000\nAnn: y\n";
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> parser.parse(srt, "bad.srt"));
    assertEquals(2, e.badLines());
    assertEquals(5, e.errors().get(0).line());
    assertTrue(e.errors().get(0).message().contains("cue number"));
    assertEquals(10, e.errors().get(1).line());
    assertTrue(e.errors().get(1).message().contains("no timing line"));
  }
}
