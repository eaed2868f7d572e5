package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.source.MalformedInputException;
import org.junit.jupiter.api.Test;

class BracketTimestampParserTest {
  private final BracketTimestampParser parser = new BracketTimestampParser();

  @Test
  void readsTurnsWithContinuationLinesAndDerivedEnds() {
    Transcript t = parser.parse(Fixtures.read("platform-sync.txt"), "platform-sync.txt");
    assertEquals(24, t.turns().size());
    Turn first = t.turns().get(0);
    assertEquals(0, first.index());
    assertEquals("Sarah Sachs", first.speaker());
    assertEquals(5.0, first.start());
    assertEquals(21.0, first.end(), "a turn ends when the next one starts");
    assertEquals("Okay, let's start. Three things today: the Postgres 16 migration, the rate limits for the "
        + "public API, and the on-call rotation for April.", first.text());
    Turn migration = t.turns().get(4);
    assertEquals("Tom Lee", migration.speaker());
    assertTrue(migration.text().endsWith("that upgrade rewrites the partition config table."), migration.text());
    assertEquals("Sarah", t.turns().get(10).speaker(), "names are normalised later, not by the parser");
    Turn last = t.turns().get(23);
    assertEquals(4 * 60 + 25.0, last.start());
    assertNull(last.end());
  }

  @Test
  void readsExplicitEndsAndShortTimes() {
    Transcript t = parser.parse("[1:05 - 1:09] A B: hello\n[70] C: bye", "x");
    assertEquals(65.0, t.turns().get(0).start());
    assertEquals(69.0, t.turns().get(0).end());
    assertEquals(70.0, t.turns().get(1).start());
  }

  @Test
  void rejectsBadLinesNamingEachOne() {
    String bad = """
        Welcome everyone
        [00:00:05] Sarah Sachs: fine
        [00:00:07] no speaker here
        [00:99:00] Tom Lee: bad minutes
        [00:00:03] Tom Lee: earlier than the turn before
        """;
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> parser.parse(bad, "bad.txt"));
    assertEquals(4, e.badLines());
    assertEquals(1, e.errors().get(0).line());
    assertTrue(e.errors().get(0).message().contains("before the first turn"));
    assertEquals(3, e.errors().get(1).line());
    assertTrue(e.errors().get(1).message().contains("no speaker"));
    assertEquals(4, e.errors().get(2).line());
    assertTrue(e.errors().get(2).message().contains("below 60"));
    assertEquals(5, e.errors().get(3).line());
    assertTrue(e.errors().get(3).message().contains("earlier than the turn before"));
    assertTrue(e.getMessage().startsWith("bad.txt: 4 bad lines; the file was rejected and nothing from it was indexed"),
        e.getMessage());
  }
}
