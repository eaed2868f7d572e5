package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.source.MalformedInputException;
import org.junit.jupiter.api.Test;

class WebVttParserTest {
  private final WebVttParser parser = new WebVttParser();

  @Test
  void readsVoiceTagsAndJoinsCuesOfOneSpeaker() {
    Transcript t = parser.parse(Fixtures.read("short.vtt"), "short.vtt");
    assertEquals(3, t.turns().size());
    Turn sarah = t.turns().get(0);
    assertEquals("Sarah Sachs", sarah.speaker());
    assertEquals("Okay, let's start with the Postgres 16 migration. Tom, where are we?", sarah.text());
    assertEquals(5.0, sarah.start());
    assertEquals(12.0, sarah.end(), "two cues of one speaker are one turn");
    Turn tom = t.turns().get(1);
    assertEquals("Tom Lee", tom.speaker(), "voice classes (<v.loud ...>) are dropped");
    assertEquals("The logical replica is in sync & ready.", tom.text());
    assertEquals(20.25, tom.end());
    assertEquals("Priya Raman", t.turns().get(2).speaker(), "a cue without an id is fine");
  }

  @Test
  void cueWithoutVoiceKeepsThePreviousSpeakerOrTakesALabel() {
    String vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>one\n\n00:02.000 --> 00:03.000\ntwo\n\n"
        + "00:03.000 --> 00:04.000\nBob: three\n";
    Transcript t = parser.parse(vtt, "x.vtt");
    assertEquals(2, t.turns().size());
    assertEquals("one two", t.turns().get(0).text());
    assertEquals("Bob", t.turns().get(1).speaker());
  }

  @Test
  void rejectsMissingHeader() {
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> parser.parse("1\n00:00:01.000 --> 00:00:02.000\nhi\n", "no-header.vtt"));
    assertEquals(1, e.errors().get(0).line());
    assertTrue(e.errors().get(0).message().contains("WEBVTT"));
  }

  @Test
  void rejectsBadTimingsNamingTheLine() {
    String vtt = "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\n<v Ann>hi\n\n2\n00:00:05.000 --> 00:00:04.000\n"
        + "<v Ann>backwards\n\n3\n00:00:06.000 --> 00:61:00.000\n<v Ann>bad\n";
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> parser.parse(vtt, "bad.vtt"));
    assertEquals(3, e.badLines());
    assertEquals(4, e.errors().get(0).line(), "the line where the timing should be");
    assertTrue(e.errors().get(0).message().contains("no timing line"));
    assertEquals(8, e.errors().get(1).line());
    assertTrue(e.errors().get(1).message().contains("before it starts"));
    assertEquals(12, e.errors().get(2).line());
    assertTrue(e.errors().get(2).message().contains("below 60"));
  }
}
