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

  /** Body of {@code POST /v1/collections/{c}/search}. */
  public record SearchBody(String query, Integer k, String mode, Map<String, JsonNode> filters, SnippetBody snippet,
      Integer timeoutMs, String cursor, Boolean rerank, String explain) {}

  /** Body of {@code POST /v1/collections/{c}/multi_search}; each query is a string or {query, filters, k}. */
  public record MultiSearchBody(List<JsonNode> queries, Integer k, Integer perQueryK, Boolean dedupe,
      Integer tokenBudget, String mode, Map<String, JsonNode> filters, SnippetBody snippet, Integer timeoutMs,
      String cursor) {}

  /** Body of {@code POST /v1/collections}. */
  public record CreateCollectionBody(String name) {}

  public record PassageView(String id, int start, int end) {}

  public record Retrievers(RetrieverRank lexical, RetrieverRank vector) {}

  /** {@code features}: the hit's reranking feature vector, only with {@code "explain": "features"}. */
  public record Hit(String id, double score, int rank, String title, String snippet, PassageView passage,
      Map<String, Object> metadata, Retrievers retrievers, Map<String, Double> features) {}

  /** Response of a search; {@code cursor} is null on the last page. */
  public record SearchResponse(List<Hit> hits, int total, int offset,
      @JsonInclude(JsonInclude.Include.ALWAYS) String cursor, double tookMs) {}

  public record MultiHit(String id, double score, int rank, String title, String snippet, PassageView passage,
      Map<String, Object> metadata, List<QueryMatch> matched) {}

  public record PerQuery(int queryIndex, int hits, int newDocuments, Boolean timedOut) {}

  /** Response of a fan-out; {@code partial} is true when some queries missed the deadline. */
  public record MultiSearchResponse(List<MultiHit> results, List<PerQuery> perQuery, int total, int offset,
      @JsonInclude(JsonInclude.Include.ALWAYS) String cursor, boolean partial, int snippetTokens,
      boolean budgetExhausted, double tookMs) {}

  public record CollectionView(String name, long documents, long passages, long sizeBytes) {}

  public record CollectionList(List<CollectionView> collections) {}

  public record PassageDetail(String id, int index, int start, int end) {}

  public record DocumentResponse(String id, String title, String text, Map<String, Object> metadata, List<String> acl,
      List<PassageDetail> passages, PassageDetail passage) {}

  public record WriteResponse(String id, String result, boolean durable) {}

  public record BulkLine(int line, String id, String status, String error) {}

  public record BulkResponse(int upserted, int failed, boolean durable, List<BulkLine> results, double tookMs) {}

  public record Status(String status) {}
}
