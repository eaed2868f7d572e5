package dev.trawl.indexer.transcript;

import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.source.SourceDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Indexes meeting transcripts into a collection: normalise ({@link TranscriptNormalizer}),
 * chunk ({@link TranscriptChunker}), render one document per chunk ({@link TranscriptDocuments}),
 * embed, and replace the meeting's previous chunks.
 *
 * <p>Re-indexing a meeting replaces it: chunks left over from a longer earlier version are
 * deleted in the same locked step as the new chunks are written ({@link
 * DocumentCollection#replaceGroup}). Everything that can fail on bad input (validation,
 * parsing) happens before the first write, so a rejected transcript indexes nothing.
 *
 * <p>The chunk budget is capped at the collection's passage budget, so every chunk stays one
 * passage. Thread-safe.
 */
public final class TranscriptIndexer {
  private final TranscriptChunking chunking;

  public TranscriptIndexer(TranscriptChunking chunking) {
    this.chunking = Objects.requireNonNull(chunking, "chunking");
  }

  public TranscriptChunking chunking() {
    return chunking;
  }

  /** A transcript ready to be written: its normalised form, its chunks and their documents. */
  public record Plan(Transcript transcript, List<TranscriptChunk> chunks, List<SourceDocument> documents,
      int droppedTurns) {
    public String meetingId() {
      return transcript.meetingId();
    }
  }

  /**
   * Validates, normalises, chunks and renders {@code transcript}, without any I/O.
   *
   * @param maxPassageTokens the target collection's passage budget (caps the chunk budget)
   * @throws IllegalArgumentException if the transcript cannot be indexed (no meeting id, a bad
   *     date, no turn with text)
   */
  public Plan plan(Transcript transcript, List<String> acl, int maxPassageTokens) {
    TranscriptNormalizer.Normalized n = TranscriptNormalizer.normalize(transcript);
    Transcript clean = n.transcript().requireIndexable();
    TranscriptChunking effective = chunking.maxTokens() <= maxPassageTokens ? chunking
        : chunking.withMaxTokens(Math.max(TranscriptChunking.MIN_MAX_TOKENS, maxPassageTokens));
    List<TranscriptChunk> chunks = new TranscriptChunker(effective).chunk(clean);
    List<SourceDocument> docs = TranscriptDocuments.of(clean, n.speakers(), chunks, effective.header(), acl);
    return new Plan(clean, chunks, docs, n.droppedTurns());
  }

  /** What one ingest did. */
  public record Report(String meetingId, int turns, int droppedTurns, int chunks, List<String> removedChunks,
      long words, long nanos) {}

  /**
   * Indexes {@code transcript} into {@code collection}, replacing the meeting if it was there,
   * and commits, so the meeting is durable and searchable when this returns.
   */
  public Report index(DocumentCollection collection, Transcript transcript, List<String> acl) throws IOException {
    long t0 = System.nanoTime();
    Plan plan = plan(transcript, acl, collection.manifest().maxPassageTokens());
    List<String> removed = write(collection, plan);
    collection.commit();
    return new Report(plan.meetingId(), plan.transcript().turns().size(), plan.droppedTurns(), plan.chunks().size(),
        removed, plan.transcript().wordCount(), System.nanoTime() - t0);
  }

  /** Embeds and writes a planned transcript, replacing the meeting's chunks; not yet durable. */
  public static List<String> write(DocumentCollection collection, Plan plan) throws IOException {
    var prepared = collection.prepare(plan.documents());
    return collection.replaceGroup(meeting(plan.meetingId()), prepared);
  }

  /**
   * Deletes every chunk of meeting {@code meetingId}; not yet durable.
   *
   * @return the ids of the chunks deleted, empty if the collection holds no such meeting
   */
  public static List<String> delete(DocumentCollection collection, String meetingId) throws IOException {
    return collection.replaceGroup(meeting(meetingId), List.of());
  }

  /** The metadata every chunk of a meeting has, and only they. */
  private static Map<String, String> meeting(String meetingId) {
    return Map.of(TranscriptFields.TYPE, TranscriptFields.TYPE_TRANSCRIPT, TranscriptFields.MEETING_ID, meetingId);
  }
}
