package dev.trawl.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.query.RetrieverRank;
import dev.trawl.query.fanout.QueryMatch;
import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the JSON API, as records (snake_case on the wire, see
 * {@link WireJson}). Request fields are boxed so that "absent" is null and gets the default.
 */
public final class WireTypes {
  private WireTypes() {}

  /** {@code snippet: {max_tokens}}. */
  public record SnippetBody(Integer maxTokens) {}

  /**
   * Body of {@code POST /v1/collections/{c}/search}; {@code group_by} ("meeting" or a metadata
   * field) collapses the hits to groups of at most {@code per_group}.
   */
  public record SearchBody(String query, Integer k, String mode, Map<String, JsonNode> filters, SnippetBody snippet,
      Integer timeoutMs, String cursor, Boolean rerank, String explain, String groupBy, Integer perGroup) {}

  /** Body of {@code POST /v1/collections/{c}/multi_search}; each query is a string or {query, filters, k}. */
  public record MultiSearchBody(List<JsonNode> queries, Integer k, Integer perQueryK, Boolean dedupe,
      Integer tokenBudget, String mode, Map<String, JsonNode> filters, SnippetBody snippet, Integer timeoutMs,
      String cursor, String groupBy, Integer perGroup, Boolean rerank) {}

  /** Body of {@code POST /v1/collections/{c}/transcripts}: the transcript file's text and its meeting. */
  public record TranscriptBody(String meetingId, String title, String date, String format, List<String> participants,
      List<String> acl, String content) {}

  /** Body of {@code POST /v1/collections}. */
  public record CreateCollectionBody(String name) {}

  public record PassageView(String id, int start, int end) {}

  public record Retrievers(RetrieverRank lexical, RetrieverRank vector) {}

  /**
   * The meeting a transcript hit comes from, and the span of the chunk ({@code start}, {@code
   * end} in seconds, null when the transcript has no times).
   */
  public record TranscriptView(String meetingId, String title, String date, Double start, Double end,
      List<String> speakers) {}

  /**
   * {@code features}: the hit's reranking feature vector, only with {@code "explain": "features"};
   * {@code transcript}: only on transcript chunks.
   */
  public record Hit(String id, double score, int rank, String title, String snippet, PassageView passage,
      Map<String, Object> metadata, TranscriptView transcript, Retrievers retrievers, Map<String, Double> features) {}

  /** Response of a search; {@code cursor} is null on the last page. */
  /** {@code notices}: why an empty result is empty when its filters are the cause; absent otherwise. */
  public record SearchResponse(List<Hit> hits, int total, int offset,
      @JsonInclude(JsonInclude.Include.ALWAYS) String cursor, List<String> notices, double tookMs) {}

  public record MultiHit(String id, double score, int rank, String title, String snippet, PassageView passage,
      Map<String, Object> metadata, TranscriptView transcript, List<QueryMatch> matched) {}

  /** One group of a grouped result: its key (e.g. the meeting id), rank, best score and best hits. */
  public record Group<H>(String key, int rank, double score, List<H> hits) {}

  /**
   * Response of a search with {@code group_by}; {@code candidates} counts documents before grouping.
   * {@code notices}: as in {@link SearchResponse}, and why the hits did not group when none has the
   * group_by field (a typo lists the fields in use); absent otherwise.
   */
  public record GroupedSearchResponse(List<Group<Hit>> groups, int candidates, int offset,
      @JsonInclude(JsonInclude.Include.ALWAYS) String cursor, List<String> notices, double tookMs) {}

  /** Response of a fan-out with {@code group_by}; {@code notices} as in {@link GroupedSearchResponse}. */
  public record GroupedMultiSearchResponse(List<Group<MultiHit>> groups, int candidates, int offset,
      @JsonInclude(JsonInclude.Include.ALWAYS) String cursor, List<String> notices, double tookMs) {}

  public record PerQuery(int queryIndex, int hits, int newDocuments, Boolean timedOut) {}

  /** Response of a fan-out; {@code partial} is true when some queries missed the deadline. */
  public record MultiSearchResponse(List<MultiHit> results, List<PerQuery> perQuery, int total, int offset,
      @JsonInclude(JsonInclude.Include.ALWAYS) String cursor, boolean partial, int snippetTokens,
      boolean budgetExhausted, List<String> notices, double tookMs) {}

  public record CollectionView(String name, long documents, long passages, long sizeBytes) {}

  public record CollectionList(List<CollectionView> collections) {}

  public record PassageDetail(String id, int index, int start, int end) {}

  public record DocumentResponse(String id, String title, String text, Map<String, Object> metadata, List<String> acl,
      List<PassageDetail> passages, PassageDetail passage) {}

  public record WriteResponse(String id, String result, boolean durable) {}

  /** Answer to {@code DELETE .../transcripts/{meeting_id}}: the chunks deleted, durably. */
  public record MeetingDeleteResponse(String meetingId, List<String> deletedChunks, boolean durable) {}

  public record BulkLine(int line, String id, String status, String error) {}

  public record BulkResponse(int upserted, int failed, boolean durable, List<BulkLine> results, double tookMs) {}

  public record Status(String status) {}

  /** Response of a transcript ingest, sent once the meeting is durable. */
  public record TranscriptIngestResponse(String collection, String meetingId, String format, int turns,
      int droppedTurns, int chunks, List<String> chunkIds, List<String> removedChunks, long words, boolean durable,
      double tookMs) {}

  /** One turn of a context window; {@code line} is how a snippet shows it ({@code [00:14:07-00:15:32] Name: text}). */
  public record ContextTurn(int index, String speaker, Double start, Double end, String text, boolean inChunk,
      String line) {}

  /** Response of fetch-with-context: a chunk's turns and the turns around them, in meeting order. */
  public record ContextResponse(String chunkId, String meetingId, String title, String date, boolean moreBefore,
      boolean moreAfter, List<ContextTurn> turns) {}
}
