package dev.trawl.query.transcript;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.query.StoredPassage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Fetch with context: the turns of a transcript chunk plus {@code before} turns before it and
 * {@code after} turns after it, read from the meeting's chunks in one snapshot.
 *
 * <p>Turns are whole: a turn split over several chunks is joined back (overlapping repeats are
 * dropped). Turn order is the meeting's turn index order; turns dropped at ingest (noise only)
 * do not count. Visibility: with {@code principals} given, chunks the caller may not see are
 * treated as absent, so an invisible chunk id gives the same answer as an unknown one.
 */
public final class TranscriptContext {
  /** Most turns a caller may ask for on each side. */
  public static final int MAX_CONTEXT_TURNS = 200;

  private TranscriptContext() {}

  /**
   * One turn of the answer.
   *
   * @param index turn index in the meeting
   * @param speaker display name
   * @param start seconds, or null
   * @param end seconds, or null
   * @param text the whole turn
   * @param inChunk true for the requested chunk's own turns
   */
  public record ContextTurn(int index, String speaker, Double start, Double end, String text, boolean inChunk) {}

  /**
   * The answer.
   *
   * @param chunkId the requested chunk's document id
   * @param meetingId its meeting
   * @param title meeting title ("" if none)
   * @param date meeting date ("" if unknown)
   * @param turns the chunk's turns with their context, in order
   * @param moreBefore true if the meeting has turns before the first one returned
   * @param moreAfter true if it has turns after the last one returned
   */
  public record Window(String chunkId, String meetingId, String title, String date, List<ContextTurn> turns,
      boolean moreBefore, boolean moreAfter) {}

  /**
   * @param chunkId a chunk's document id ({@code m#c3}) or passage id ({@code m#c3#0})
   * @param principals the caller's principals, or null for a trusted caller
   * @throws IllegalArgumentException if {@code chunkId} is not a chunk id or a count is out of range
   * @throws java.util.NoSuchElementException if no such chunk is visible
   */
  public static Window fetch(CollectionSnapshot snapshot, String chunkId, int before, int after,
      Set<String> principals) {
    if (before < 0 || after < 0 || before > MAX_CONTEXT_TURNS || after > MAX_CONTEXT_TURNS) {
      throw new IllegalArgumentException("before and after must be between 0 and " + MAX_CONTEXT_TURNS
          + ", got " + before + " and " + after);
    }
    String docId = TranscriptFields.chunkDocId(chunkId);
    if (docId == null) {
      throw new IllegalArgumentException("'" + chunkId + "' is not a transcript chunk id (<meeting_id>#c<n>)");
    }
    StoredChunk target = read(snapshot, snapshot.findDocument(docId), principals);
    if (target == null) {
      throw new java.util.NoSuchElementException("no transcript chunk '" + docId + "' in collection '"
          + snapshot.collection() + "'" + chunksOfMeeting(snapshot, docId, principals));
    }
    List<StoredChunk> chunks = meetingChunks(snapshot, target.meetingId(), principals);
    TreeMap<Integer, TurnBuilder> turns = new TreeMap<>();
    for (StoredChunk c : chunks) {
      for (StoredChunk.Line l : c.lines()) {
        turns.computeIfAbsent(l.turn(), k -> new TurnBuilder(l)).pieces.add(l.text());
      }
    }
    Set<Integer> own = new LinkedHashSet<>();
    target.lines().forEach(l -> own.add(l.turn()));
    List<Integer> order = new ArrayList<>(turns.keySet());
    int first = order.indexOf(own.stream().min(Integer::compare).orElseThrow());
    int last = order.indexOf(own.stream().max(Integer::compare).orElseThrow());
    int from = Math.max(0, first - before);
    int to = Math.min(order.size() - 1, last + after);
    List<ContextTurn> out = new ArrayList<>(to - from + 1);
    for (int i = from; i <= to; i++) {
      int index = order.get(i);
      TurnBuilder b = turns.get(index);
      out.add(new ContextTurn(index, b.first.speaker(), b.first.start(), b.first.end(), String.join(" ", b.pieces),
          own.contains(index)));
    }
    return new Window(docId, target.meetingId(), target.title(), target.date(), out, from > 0,
        to < order.size() - 1);
  }

  /**
   * "; meeting 'm' has the chunks m#c0, m#c1" for a chunk's document id ({@link
   * TranscriptFields#chunkDocId}) whose meeting has chunks the caller can see, or "": for the
   * message about a chunk that is not there.
   */
  private static String chunksOfMeeting(CollectionSnapshot snapshot, String docId, Set<String> principals) {
    String meetingId = TranscriptFields.meetingIdOf(docId);
    List<StoredChunk> chunks = meetingChunks(snapshot, meetingId, principals);
    if (chunks.isEmpty()) {
      return "";
    }
    int shown = Math.min(chunks.size(), 20);
    StringBuilder b = new StringBuilder("; meeting '").append(meetingId).append("' has the chunks ");
    for (int i = 0; i < shown; i++) {
      b.append(i == 0 ? "" : ", ").append(TranscriptFields.chunkId(meetingId, chunks.get(i).chunk()));
    }
    return b.append(chunks.size() > shown ? ", ... (" + chunks.size() + " in all)" : "").toString();
  }

  private static final class TurnBuilder {
    final StoredChunk.Line first;
    final LinkedHashSet<String> pieces = new LinkedHashSet<>();

    TurnBuilder(StoredChunk.Line first) {
      this.first = first;
    }
  }

  private static List<StoredChunk> meetingChunks(CollectionSnapshot snapshot, String meetingId,
      Set<String> principals) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    q.add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOC)), BooleanClause.Occur.FILTER);
    q.add(new TermQuery(new Term(IndexFields.METADATA_PREFIX + TranscriptFields.TYPE,
        TranscriptFields.TYPE_TRANSCRIPT)), BooleanClause.Occur.FILTER);
    q.add(new TermQuery(new Term(IndexFields.METADATA_PREFIX + TranscriptFields.MEETING_ID, meetingId)),
        BooleanClause.Occur.FILTER);
    List<StoredChunk> chunks = new ArrayList<>();
    try {
      BooleanQuery query = q.build();
      int n = Math.max(1, snapshot.searcher().count(query));
      for (ScoreDoc sd : snapshot.searcher().search(query, n).scoreDocs) {
        StoredChunk c = read(snapshot, sd.doc, principals);
        if (c != null) {
          chunks.add(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    chunks.sort(Comparator.comparingInt(StoredChunk::chunk));
    return chunks;
  }

  /** The chunk stored in document entry {@code luceneDoc}, or null if absent, not a chunk, or not visible. */
  private static StoredChunk read(CollectionSnapshot snapshot, int luceneDoc, Set<String> principals) {
    if (luceneDoc < 0) {
      return null;
    }
    try {
      Document d = snapshot.searcher().storedFields().document(luceneDoc);
      if (principals != null) {
        boolean visible = false;
        for (String p : d.getValues(IndexFields.ACL)) {
          visible |= p.equals(IndexFields.PUBLIC) || principals.contains(p);
        }
        if (!visible) {
          return null;
        }
      }
      String body = d.get(IndexFields.BODY);
      return body == null ? null
          : StoredChunk.of(d.get(IndexFields.DOC_ID), body, StoredPassage.metadata(d.get(IndexFields.METADATA_JSON)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
