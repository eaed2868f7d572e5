package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.source.MalformedInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTranscriptParserTest {
  private final JsonTranscriptParser parser = new JsonTranscriptParser();

  @Test
  void readsMeetingFieldsAndTurnsWithBothTimeForms() {
    Transcript t = parser.parse(Fixtures.read("short.json"), "short.json");
    assertEquals("platform-sync-2026-03-04", t.meetingId());
    assertEquals("Weekly platform sync", t.title());
    assertEquals("2026-03-04", t.date());
    assertEquals(List.of("Sarah Sachs", "Tom Lee", "Priya Raman"), t.participants());
    assertEquals(4, t.turns().size());
    assertEquals(5.0, t.turns().get(0).start());
    assertEquals(12.0, t.turns().get(0).end());
    assertEquals(20.25, t.turns().get(1).end());
    assertNull(t.turns().get(3).start());
  }

  @Test
  void rejectsBadTurnsNamingTheirLines() {
    String json = """
        {"meeting_id": "m1",
         "turns": [
           {"speaker": "Ann", "text": "fine"},
           {"text": "who said this?"},
           {"speaker": "Bob", "start": "1:99", "text": "bad time"},
           {"speaker": "Bob", "start": 10, "end": 5, "text": "backwards"}
         ]}
        """;
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> parser.parse(json, "bad.json"));
    assertEquals(3, e.badLines());
    assertEquals(4, e.errors().get(0).line());
    assertTrue(e.errors().get(0).message().contains("turns[1] needs a non-empty string \"speaker\""));
    assertEquals(5, e.errors().get(1).line());
    assertTrue(e.errors().get(1).message().contains("turns[2].start"));
    assertEquals(6, e.errors().get(2).line());
    assertTrue(e.errors().get(2).message().contains("before start"));
  }

  @Test
  void rejectsSyntaxErrorsAndMissingTurns() {
    MalformedInputException syntax = assertThrows(MalformedInputException.class,
        () -> parser.parse("{\"turns\": [\n{\"speaker\": \"Ann\" \"text\": \"x\"}]}", "syntax.json"));
    assertEquals(2, syntax.errors().get(0).line());
    assertTrue(syntax.errors().get(0).message().startsWith("not valid JSON"));
    MalformedInputException none = assertThrows(MalformedInputException.class,
        () -> parser.parse("{\"meeting_id\": \"m\"}", "none.json"));
    assertTrue(none.getMessage().contains("no \"turns\" array"));
    MalformedInputException date = assertThrows(MalformedInputException.class,
        () -> parser.parse("{\"date\": \"04/03/2026\", \"turns\": []}", "date.json"));
    assertTrue(date.getMessage().contains("YYYY-MM-DD"));
  }
}
