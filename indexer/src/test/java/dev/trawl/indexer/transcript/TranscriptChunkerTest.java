package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.chunk.TokenCounter;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.testing.SeededRandomExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class TranscriptChunkerTest {
  private static final TokenCounter TOKENS = new TokenCounter();

  /** {@code n} words; a line {@code "A: " + words(n)} has n + 2 tokens. */
  private static String words(int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add("w" + i);
    }
    return String.join(" ", w);
  }

  private static Turn turn(int i, String speaker, String text) {
    return new Turn(i, speaker, null, null, text);
  }

  private static List<List<Integer>> turnsOf(List<TranscriptChunk> chunks) {
    return chunks.stream().map(TranscriptChunk::turns).toList();
  }

  /** 20 + 18 + 4 ("B: Yeah.") + 26 tokens of lines; budget 48, no header. */
  private static final Transcript BOUNDARY = new Transcript("m", "", "", List.of(), List.of(
      turn(0, "A", words(18)), turn(1, "B", words(16)), turn(2, "A", "Yeah."), turn(3, "B", words(24))));

  private static List<TranscriptChunk> chunk(TranscriptChunking c, Transcript t) {
    return new TranscriptChunker(c).chunk(t);
  }

  @Test
  void windowsCutAtTurnBoundariesWithOneTurnOfOverlap() {
    TranscriptChunking c = new TranscriptChunking(48, true, true, 4, false);
    // Units: [0], [1 + "Yeah."], [3]. [0, 1+2] is 42 tokens; adding [3] (26) would overflow, so the
    // second window starts again with the last unit, turn 1 and its short reply.
    assertEquals(List.of(List.of(0, 1, 2), List.of(1, 2, 3)), turnsOf(chunk(c, BOUNDARY)));
  }

  @Test
  void withoutMergingTheOverlapIsJustTheShortReply() {
    TranscriptChunking c = new TranscriptChunking(48, true, true, 0, false);
    assertEquals(List.of(List.of(0, 1, 2), List.of(2, 3)), turnsOf(chunk(c, BOUNDARY)));
  }

  @Test
  void withoutOverlapWindowsAreDisjoint() {
    TranscriptChunking c = new TranscriptChunking(48, true, false, 4, false);
    assertEquals(List.of(List.of(0, 1, 2), List.of(3)), turnsOf(chunk(c, BOUNDARY)));
  }

  @Test
  void perTurnChunksKeepShortRepliesWithTheirTurn() {
    assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3)),
        turnsOf(chunk(new TranscriptChunking(48, false, true, 4, false), BOUNDARY)));
    assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3)),
        turnsOf(chunk(new TranscriptChunking(48, false, true, 0, false), BOUNDARY)));
  }

  @Test
  void shortTurnsAtTheStartJoinTheFirstLongTurn() {
    Transcript t = new Transcript("m", "", "", List.of(), List.of(
        turn(0, "A", "Okay."), turn(1, "B", "Hi."), turn(2, "A", words(10)), turn(3, "B", words(10))));
    assertEquals(List.of(List.of(0, 1, 2), List.of(3)),
        turnsOf(chunk(new TranscriptChunking(48, false, false, 4, false), t)));
  }

  @Test
  void chunksCarryTimesHeaderAndMetadata() {
    Transcript t = new Transcript("sync-1", "Platform sync", "2026-03-04", List.of(), List.of(
        new Turn(0, "Ann Lee", 5.0, 20.0, "We ship on Thursday."),
        new Turn(1, "Bob Stone", 20.0, 31.5, "Then the notice goes out on Wednesday."),
        new Turn(3, "Ann Lee", 847.0, 932.0, "Next item is rate limits per key.")));
    TranscriptNormalizer.Normalized n = TranscriptNormalizer.normalize(t);
    List<TranscriptChunk> chunks = chunk(TranscriptChunking.defaults(), n.transcript());
    assertEquals(1, chunks.size());
    TranscriptChunk c = chunks.get(0);
    assertEquals(5.0, c.start());
    assertEquals(932.0, c.end());
    assertEquals(List.of("Ann Lee", "Bob Stone"), c.speakers());
    List<SourceDocument> docs = TranscriptDocuments.of(n.transcript(), n.speakers(), chunks, true, List.of());
    SourceDocument d = docs.get(0);
    assertEquals("sync-1#c0", d.id());
    assertEquals("Platform sync", d.title());
    assertEquals("""
        Speakers: Ann Lee, Bob Stone
        [00:00:05] Ann Lee: We ship on Thursday.
        [00:00:20] Bob Stone: Then the notice goes out on Wednesday.
        [00:14:07] Ann Lee: Next item is rate limits per key.""", d.text());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("type", "transcript");
    expected.put("meeting_id", "sync-1");
    expected.put("title", "Platform sync");
    expected.put("date", "2026-03-04");
    expected.put("speakers", List.of("Ann Lee", "Bob Stone"));
    expected.put("speaker_keys", List.of("ann lee", "ann", "bob stone", "bob"));
    expected.put("start", 5.0);
    expected.put("end", 932.0);
    expected.put("chunk", 0);
    expected.put("turns", List.of(0, 1, 3));
    expected.put("times", List.of(List.of(5.0, 20.0), List.of(20.0, 31.5), List.of(847.0, 932.0)));
    assertEquals(expected, d.metadata());
  }

  @Test
  void untimedTranscriptsHaveNoTimes() {
    TranscriptNormalizer.Normalized n = TranscriptNormalizer.normalize(BOUNDARY);
    var chunks = chunk(TranscriptChunking.defaults(), n.transcript());
    SourceDocument d = TranscriptDocuments.of(n.transcript(), n.speakers(), chunks, false, List.of()).get(0);
    assertNull(chunks.get(0).start());
    assertFalse(d.metadata().containsKey("times"));
    assertEquals("", d.title());
    assertTrue(d.text().startsWith("A: w0 w1"), d.text());
  }

  @Test
  void aLongTurnIsSplitAtSentencesIntoPiecesThatFit() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      sb.append("Sentence number ").append(i).append(" is about the migration plan. ");
    }
    Transcript t = new Transcript("m", "Sync", "", List.of(), List.of(
        turn(0, "Ann", "Short intro before the long one."), turn(1, "Bob", sb.toString().strip()),
        turn(2, "Ann", "Thanks.")));
    TranscriptChunking c = new TranscriptChunking(64, true, true, 4, true);
    List<TranscriptChunk> chunks = chunk(c, t);
    List<ChunkLine> pieces = chunks.stream().flatMap(ch -> ch.lines().stream()).filter(l -> l.turn() == 1)
        .distinct().toList();
    assertTrue(pieces.size() >= 4, "pieces: " + pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      assertEquals(i, pieces.get(i).part());
      assertTrue(pieces.get(i).text().endsWith("plan."), "cut at a sentence end: " + pieces.get(i).text());
    }
    assertEquals(sb.toString().strip(), String.join(" ", pieces.stream().map(ChunkLine::text).toList()));
    for (TranscriptChunk ch : chunks) {
      int tokens = TOKENS.count(TranscriptText.title(t)) + TOKENS.count(TranscriptText.chunkText(ch, true));
      assertTrue(tokens <= 64, "chunk " + ch.index() + " has " + tokens + " tokens");
    }
    assertEquals(List.of(2), chunks.get(chunks.size() - 1).lines().stream()
        .filter(l -> l.turn() != 1).map(ChunkLine::turn).toList(), "'Thanks.' joins the last piece");
  }

  @Test
  void randomTranscriptsKeepEveryTurnInOrderWithinBudget(Random random) {
    for (int round = 0; round < 50; round++) {
      List<Turn> turns = new ArrayList<>();
      int n = 1 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        int len = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 5 + random.nextInt(random.nextInt(8) == 0 ? 200 : 40);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < len; w++) {
          text.append(w > 0 && w % 9 == 0 ? ". W" : " w").append(w);
        }
        turns.add(turn(i, "Speaker " + (char) ('A' + random.nextInt(4)), text.toString().strip() + "."));
      }
      Transcript t = new Transcript("m", "Random meeting", "", List.of(), turns);
      int budget = 48 + random.nextInt(300);
      TranscriptChunking c = new TranscriptChunking(budget, random.nextBoolean(), random.nextBoolean(),
          random.nextInt(6), random.nextBoolean());
      List<TranscriptChunk> chunks = chunk(c, t);
      List<Integer> seen = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        TranscriptChunk ch = chunks.get(i);
        assertEquals(i, ch.index());
        int tokens = (c.header() ? TOKENS.count(TranscriptText.title(t)) : 0)
            + TOKENS.count(TranscriptText.chunkText(ch, c.header()));
        // Only short turns held before the first long one can push a unit over the budget.
        assertTrue(tokens <= budget || ch.turns().contains(0),
            "round " + round + " chunk " + i + " has " + tokens + " > " + budget + " tokens: " + c);
        for (int turnIndex : ch.turns()) {
          if (seen.isEmpty() || seen.get(seen.size() - 1) < turnIndex) {
            seen.add(turnIndex);
          }
        }
      }
      assertEquals(turns.stream().map(Turn::index).toList(), seen, "round " + round + " " + c);
    }
  }
}
