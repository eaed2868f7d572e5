package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.source.MalformedInputException;
import org.junit.jupiter.api.Test;

class TranscriptFormatTest {
  @Test
  void detectsEveryFixture() {
    assertEquals(TranscriptFormat.BRACKET, TranscriptFormat.detect(Fixtures.read("platform-sync.txt"), "f"));
    assertEquals(TranscriptFormat.SPEAKER, TranscriptFormat.detect(Fixtures.read("short-speaker.txt"), "f"));
    assertEquals(TranscriptFormat.VTT, TranscriptFormat.detect(Fixtures.read("short.vtt"), "f"));
    assertEquals(TranscriptFormat.SRT, TranscriptFormat.detect(Fixtures.read("short.srt"), "f"));
    assertEquals(TranscriptFormat.JSON, TranscriptFormat.detect(Fixtures.read("short.json"), "f"));
  }

  @Test
  void parsesNamesAndAuto() {
    assertNull(TranscriptFormat.parse("auto"));
    assertEquals(TranscriptFormat.VTT, TranscriptFormat.parse("WebVTT"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TranscriptFormat.parse("docx"));
    assertTrue(e.getMessage().contains("bracket, speaker, vtt, srt or json"));
  }

  @Test
  void undetectableTextNamesItsFirstLine() {
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> TranscriptFormat.detect("\n\nthis is just prose, nobody speaks", "prose.txt"));
    assertEquals(3, e.errors().get(0).line());
    assertTrue(e.getMessage().contains("--format"));
  }
}
