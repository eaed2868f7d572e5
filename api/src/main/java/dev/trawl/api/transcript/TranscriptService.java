package dev.trawl.api.transcript;

import dev.trawl.api.service.DurableWrites;
import dev.trawl.api.service.ServiceException;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.indexer.transcript.TranscriptFormat;
import dev.trawl.indexer.transcript.TranscriptIndexer;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.filter.FilterParser;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.transcript.TranscriptContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Meeting transcripts for the front ends (CLI, HTTP, MCP): ingest, delete, transcript filters,
 * fetch with context. Searches, {@code group_by: meeting} included, go through {@link
 * dev.trawl.api.service.SearchService} on every front end. Every method blocks (parsing, embedding,
 * Lucene): call it on a worker pool, never on an event loop. Domain errors are plain exceptions a
 * failure handler maps to status codes: {@link IllegalArgumentException} and
 * {@link dev.trawl.indexer.source.MalformedInputException} (400, the message says what to fix,
 * the latter lists bad lines), {@link ServiceException.NotFound} and
 * {@link dev.trawl.indexer.collection.NoSuchCollectionException} (404). Thread-safe.
 *
 * <h2>HTTP contract</h2>
 *
 * <p>JSON names are snake_case; the records here use the same names in camelCase, so the HTTP
 * edge maps them with one naming strategy. {@code openapi.json} is the reference.
 *
 * <p><b>{@code POST /v1/collections/{c}/transcripts}</b> → {@link #ingest(String, IngestRequest,
 * boolean)} (the collection must exist). Request (the CLI's {@code ingest-transcript} options,
 * same names):
 *
 * <pre>{@code
 * {"meeting_id": "platform-sync-2026-03-04",      // required unless the JSON transcript has one
 *  "title": "Weekly platform sync",               // optional
 *  "date": "2026-03-04",                          // optional, YYYY-MM-DD
 *  "format": "auto",                              // auto|bracket|speaker|vtt|srt|json
 *  "participants": ["Sarah Sachs", "Tom Lee"],    // optional: helps resolve first names
 *  "acl": ["group:platform"],                     // optional; empty = public
 *  "content": "[00:00:05] Sarah Sachs: Okay, let's start..."}   // the transcript file's text
 * }</pre>
 *
 * Response 200 once durable ({@link IngestResult} plus {@code durable: true}):
 *
 * <pre>{@code
 * {"collection": "default", "meeting_id": "platform-sync-2026-03-04", "format": "bracket",
 *  "turns": 23, "dropped_turns": 1, "chunks": 4,
 *  "chunk_ids": ["platform-sync-2026-03-04#c0", ...], "removed_chunks": [], "words": 612,
 *  "durable": true, "took_ms": 840.2}
 * }</pre>
 *
 * Response 400 for a malformed transcript, nothing indexed: {@code {"error": {"code":
 * "malformed_input", "message": "content: 1 bad line; ... line 3: no speaker after the time; ...",
 * "details": {"bad_lines": 1, "lines": [{"line": 3, "message": "..."}]}}}}.
 *
 * <p><b>Filters in {@code search}, {@code multi_search} and the MCP tools.</b> The request's
 * {@code filters} object (and a fan-out sub-query's) goes through {@link #filter}
 * ({@link FilterParser}), for example {@code "filters": {"speaker": "sarah", "meeting_id":
 * "platform-sync-2026-03-04", "date_from": "2026-03-01", "date_to": "2026-03-31"}}; the caller's
 * principals are then applied. Transcript hits carry {@code snippet} lines like
 * {@code [00:14:07-00:15:32] Sarah Sachs: ...}, the meeting title as {@code title}, a
 * {@code transcript} object {@code {meeting_id, title, date, start, end, speakers}} and the full
 * {@code metadata}.
 *
 * <p><b>{@code "group_by": "meeting"}</b> (optional {@code "per_group": 3}) in {@code search} or
 * {@code multi_search}; {@code k} then counts groups, and the response's {@code cursor} (sent
 * alone) pages on through further groups. Response:
 *
 * <pre>{@code
 * {"groups": [{"key": "platform-sync-2026-03-04", "rank": 1, "score": 0.0325,
 *              "hits": [ ...the usual hit objects, best first, each with its ungrouped rank... ]}],
 *  "candidates": 118, "offset": 0, "cursor": "c1.AgX...", "took_ms": 12.5}
 * }</pre>
 *
 * <p><b>{@code GET /v1/collections/{c}/transcripts/chunks/{chunk_id}/context?before=3&after=3}</b>
 * → {@link #context}; {@code chunk_id} is a hit's {@code id} or passage id, with {@code #}
 * percent-encoded ({@code %23}). Response ({@link TranscriptContext.Window}, each turn also with
 * its display {@code line}):
 *
 * <pre>{@code
 * {"chunk_id": "platform-sync-2026-03-04#c1", "meeting_id": "platform-sync-2026-03-04",
 *  "title": "Weekly platform sync", "date": "2026-03-04", "more_before": true, "more_after": true,
 *  "turns": [{"index": 3, "speaker": "Sarah Sachs", "start": 26.0, "end": 31.0,
 *             "text": "Tom, where are we with the migration?", "in_chunk": false,
 *             "line": "[00:00:26-00:00:31] Sarah Sachs: Tom, where are we with the migration?"}, ...]}
 * }</pre>
 */
public final class TranscriptService {
  /** Largest transcript accepted in one request, in characters. */
  public static final int MAX_CONTENT_CHARS = 16 * 1024 * 1024;

  private final Catalog catalog;
  private final HybridSearcher searcher;
  private final TranscriptIndexer indexer;
  private final DurableWrites durable;

  /** A service with commits of its own (the command line); see the four-argument constructor. */
  public TranscriptService(Catalog catalog, HybridSearcher searcher, TranscriptChunking chunking) {
    this(catalog, searcher, chunking, new DurableWrites());
  }

  /** @param durable makes ingests durable; share the server's instance so they share commits */
  public TranscriptService(Catalog catalog, HybridSearcher searcher, TranscriptChunking chunking,
      DurableWrites durable) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.searcher = Objects.requireNonNull(searcher, "searcher");
    this.indexer = new TranscriptIndexer(chunking);
    this.durable = Objects.requireNonNull(durable, "durable");
  }

  /**
   * An ingest request; the fields of {@code POST /v1/collections/{c}/transcripts}.
   *
   * @param content the transcript file's text
   * @param source how error messages name the input (a file name, or "request")
   * @param meetingId the meeting id; null to take it from a JSON transcript
   * @param title null to keep the JSON transcript's (or none)
   * @param date ISO date, null to keep the JSON transcript's (or none)
   * @param format a {@link TranscriptFormat} name or {@code auto}/null to detect
   * @param participants extra known participants (first-name resolution); may be empty
   * @param acl principals allowed to see the meeting; empty for public
   */
  public record IngestRequest(String content, String source, String meetingId, String title, String date,
      String format, List<String> participants, List<String> acl) {
    public IngestRequest {
      Objects.requireNonNull(content, "content");
      source = source == null || source.isBlank() ? "request" : source;
      participants = participants == null ? List.of() : List.copyOf(participants);
      acl = acl == null ? List.of() : List.copyOf(acl);
    }
  }

  /**
   * What an ingest did.
   *
   * @param collection the collection written
   * @param meetingId the meeting
   * @param format the format read (detected or given)
   * @param turns turns indexed
   * @param droppedTurns turns without content (noise markers only, empty) left out
   * @param chunks chunks (documents) the meeting now has
   * @param chunkIds their ids, in order
   * @param removedChunks ids of chunks of an earlier, longer version that were deleted
   * @param words words (letter/digit runs) of the indexed turns
   * @param tookMs wall time of the ingest
   */
  public record IngestResult(String collection, String meetingId, String format, int turns, int droppedTurns,
      int chunks, List<String> chunkIds, List<String> removedChunks, long words, double tookMs) {}

  /** {@link #ingest(String, IngestRequest, boolean)} creating the collection if missing (the command line). */
  public IngestResult ingest(String collection, IngestRequest request) throws IOException {
    return ingest(collection, request, true);
  }

  /**
   * Parses, validates and indexes a transcript into {@code collection}, replacing every chunk of
   * an earlier version of the meeting (same {@code meeting_id}) in one step, and returns once
   * that is durable. Nothing is written if the transcript is rejected.
   *
   * @param create create the collection if it does not exist
   * @throws dev.trawl.indexer.source.MalformedInputException listing bad lines
   * @throws dev.trawl.indexer.collection.NoSuchCollectionException without {@code create}, if
   *     the collection does not exist
   * @throws IllegalArgumentException for a bad collection name, format, meeting id or date
   */
  public IngestResult ingest(String collection, IngestRequest request, boolean create) throws IOException {
    long t0 = System.nanoTime();
    Catalog.validateName(collection);
    if (request.content().length() > MAX_CONTENT_CHARS) {
      throw new IllegalArgumentException("transcript is " + request.content().length() + " characters; the limit is "
          + MAX_CONTENT_CHARS + ": split the meeting into parts");
    }
    TranscriptFormat format = TranscriptFormat.parse(request.format());
    if (format == null) {
      format = TranscriptFormat.detect(request.content(), request.source());
    }
    Transcript t = format.parser().parse(request.content(), request.source())
        .withMeeting(blankToNull(request.meetingId()), blankToNull(request.title()), blankToNull(request.date()));
    if (!request.participants().isEmpty()) {
      Set<String> all = new LinkedHashSet<>(t.participants());
      all.addAll(request.participants());
      t = t.withParticipants(new ArrayList<>(all));
    }
    DocumentCollection c = create ? catalog.openOrCreate(collection) : catalog.get(collection);
    TranscriptIndexer.Plan plan = indexer.plan(t, request.acl(), c.manifest().maxPassageTokens());
    List<String> removed = TranscriptIndexer.write(c, plan);
    durable.await(c);
    int chunks = plan.chunks().size();
    List<String> ids = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      ids.add(TranscriptFields.chunkId(plan.meetingId(), i));
    }
    return new IngestResult(collection, plan.meetingId(), format.label(), plan.transcript().turns().size(),
        plan.droppedTurns(), chunks, ids, removed, plan.transcript().wordCount(), (System.nanoTime() - t0) / 1e6);
  }

  /**
   * Deletes every chunk of meeting {@code meetingId} and returns once that is durable.
   *
   * @return the ids of the chunks deleted
   * @throws ServiceException.NotFound ({@code meeting_not_found}) if the collection holds no
   *     chunk of that meeting
   * @throws dev.trawl.indexer.collection.NoSuchCollectionException if the collection does not exist
   */
  public List<String> deleteMeeting(String collection, String meetingId) throws IOException {
    DocumentCollection c = catalog.get(collection);
    List<String> removed = TranscriptIndexer.delete(c, meetingId);
    if (removed.isEmpty()) {
      throw new ServiceException.NotFound("meeting_not_found", "no meeting '" + meetingId + "' in collection '"
          + collection + "'; a search hit's transcript.meeting_id names one");
    }
    durable.await(c);
    return removed;
  }

  /** The {@code filter} object of a search request as a filter (caller principals not yet set); see {@link FilterParser}. */
  public static SearchFilter filter(Map<String, ?> json) {
    return FilterParser.parse(json);
  }

  /**
   * A chunk's turns with {@code before} and {@code after} turns of context.
   *
   * @param principals the caller's principals, null for a trusted caller
   * @throws ServiceException.NotFound ({@code chunk_not_found}) if the chunk does not exist or is
   *     not visible to {@code principals} (the two are indistinguishable)
   * @throws IllegalArgumentException if {@code chunkId} is not a chunk id or a count is out of range
   */
  public TranscriptContext.Window context(String collection, String chunkId, int before, int after,
      Set<String> principals) {
    try (CollectionSnapshot s = catalog.get(collection).snapshot()) {
      return TranscriptContext.fetch(s, chunkId, before, after, principals);
    } catch (NoSuchElementException e) {
      throw new ServiceException.NotFound("chunk_not_found", e.getMessage()
          + " (or it is not visible to your principals); use the id of a transcript hit");
    }
  }

  /** The searcher transcript searches run through (plain {@code search} needs nothing transcript-specific). */
  public HybridSearcher searcher() {
    return searcher;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
