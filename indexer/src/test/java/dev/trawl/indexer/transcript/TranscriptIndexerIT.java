package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionStats;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts written into a real collection folder: chunk documents, replacement, reopening. */
class TranscriptIndexerIT {
  @TempDir Path dir;

  private final TranscriptIndexer indexer = new TranscriptIndexer(TranscriptChunking.defaults().withMaxTokens(128));

  private DocumentCollection open() throws Exception {
    return DocumentCollection.open("t", dir, new HashingEmbedder(32), CollectionOptions.defaults());
  }

  private static Transcript sync(int turns) {
    Transcript t = new BracketTimestampParser().parse(Fixtures.read("platform-sync.txt"), "platform-sync.txt");
    return t.withTurns(t.turns().subList(0, turns)).withMeeting("sync-0304", "Weekly platform sync", "2026-03-04");
  }

  @Test
  void reindexingAMeetingReplacesAllOfItsChunks() throws Exception {
    int fullChunks;
    try (DocumentCollection c = open()) {
      TranscriptIndexer.Report full = indexer.index(c, sync(24), List.of());
      fullChunks = full.chunks();
      assertTrue(fullChunks >= 4, "chunks: " + fullChunks);
      assertEquals(23, full.turns(), "the noise-only last turn is dropped");
      assertEquals(1, full.droppedTurns());
      assertEquals(List.of(), full.removedChunks());
      CollectionStats s = c.stats();
      assertEquals(fullChunks, s.documents());
      assertEquals(s.passages(), s.vectors());
      assertEquals(fullChunks, s.passages(), "a chunk within the passage budget stays one passage");

      TranscriptIndexer.Report shorter = indexer.index(c, sync(6), List.of());
      assertTrue(shorter.chunks() < fullChunks);
      assertEquals(fullChunks - shorter.chunks(), shorter.removedChunks().size());
      assertTrue(shorter.removedChunks().contains(TranscriptFields.chunkId("sync-0304", fullChunks - 1)));
      s = c.stats();
      assertEquals(shorter.chunks(), s.documents());
      assertEquals(s.passages(), s.vectors());
      c.commitAndSaveVectors();
    }
    try (DocumentCollection c = open()) {
      CollectionStats s = c.stats();
      assertEquals(s.documents(), s.passages());
      assertEquals(s.passages(), s.vectors());
    }
  }

  @Test
  void anInvalidTranscriptWritesNothing() throws Exception {
    try (DocumentCollection c = open()) {
      IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
          () -> indexer.index(c, sync(5).withMeeting("", null, null), List.of()));
      assertTrue(noId.getMessage().contains("meeting id is required"));
      IllegalArgumentException badDate = assertThrows(IllegalArgumentException.class,
          () -> indexer.index(c, sync(5).withMeeting(null, null, "March 4"), List.of()));
      assertTrue(badDate.getMessage().contains("YYYY-MM-DD"));
      assertEquals(0, c.stats().documents());
    }
  }

  @Test
  void theChunkBudgetIsCappedAtThePassageBudget() throws Exception {
    try (DocumentCollection c = DocumentCollection.open("t", dir, new HashingEmbedder(32),
        CollectionOptions.defaults().withChunking(new dev.trawl.indexer.chunk.ChunkingConfig(64, 8)))) {
      TranscriptIndexer.Report r = new TranscriptIndexer(TranscriptChunking.defaults()).index(c, sync(24), List.of());
      CollectionStats s = c.stats();
      assertEquals(r.chunks(), s.documents());
      assertEquals(r.chunks(), s.passages(), "every chunk fits one passage");
    }
  }
}
