package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.query.fusion.Fused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QmsumExperimentTest {
  @Test
  void chunkHitsBecomeTurnsInRankThenMeetingOrderWithoutRepeats() {
    Map<String, QmsumExperiment.Coverage> coverage = Map.of(
        "m#c0", new QmsumExperiment.Coverage("m", 0, 3),
        "m#c1", new QmsumExperiment.Coverage("m", 3, 6),
        "n#c0", new QmsumExperiment.Coverage("n", 0, 1));
    List<Fused> chunks = List.of(new Fused("m#c1", 0.9), new Fused("other-doc", 0.8), new Fused("m#c0", 0.7),
        new Fused("n#c0", 0.6));
    assertEquals(List.of("m#3", "m#4", "m#5", "m#6", "m#0", "m#1", "m#2", "n#0", "n#1"),
        QmsumExperiment.turnRanking(chunks, coverage, 100));
    assertEquals(List.of("m#3", "m#4", "m#5", "m#6", "m#0"), QmsumExperiment.turnRanking(chunks, coverage, 5));
  }

  @Test
  void variantsAreNamedConfigurations() {
    var windows = QmsumExperiment.variant("windows");
    assertTrue(windows.chunking().windows() && windows.chunking().overlap() && windows.chunking().header());
    var raw = QmsumExperiment.variant("turns-raw");
    assertFalse(raw.chunking().windows() || raw.chunking().header());
    assertEquals(0, raw.chunking().shortTurnTokens());
    assertEquals(128, QmsumExperiment.variant("windows-128").chunking().maxTokens());
    assertEquals("qmsum-bge-w256-o1-s4-h1", windows.collectionName("bge"));
    assertThrows(IllegalArgumentException.class, () -> QmsumExperiment.variant("paragraphs"));
  }

  @Test
  void meetingsAreRebuiltFromTheTurnCorpusInTurnOrder(@TempDir Path dir) throws Exception {
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), """
        {"_id": "B#1", "title": "PhD A", "text": "second {vocalsound} .", "metadata": {"meeting_id": "B", "turn": 1, "speaker": "PhD A"}}
        {"_id": "A#0", "title": "Grad", "text": "only", "metadata": {"meeting_id": "A", "turn": 0, "speaker": "Grad"}}
        {"_id": "B#0", "title": "PhD B", "text": "first", "metadata": {"meeting_id": "B", "turn": 0, "speaker": "PhD B"}}
        """);
    List<Transcript> meetings = QmsumExperiment.readMeetings(corpus);
    assertEquals(List.of("B", "A"), meetings.stream().map(Transcript::meetingId).toList());
    Transcript b = meetings.get(0);
    assertEquals(List.of("PhD B", "PhD A"), b.turns().stream().map(t -> t.speaker()).toList());
    assertEquals("second {vocalsound} .", b.turns().get(1).text(), "raw text; noise is removed at indexing");
  }
}
