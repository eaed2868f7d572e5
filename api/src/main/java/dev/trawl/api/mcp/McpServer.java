package dev.trawl.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.api.http.RequestMapping;
import dev.trawl.api.http.ResponseMapping;
import dev.trawl.api.http.WireJson;
import dev.trawl.api.http.WireTypes.MultiSearchBody;
import dev.trawl.api.http.WireTypes.SearchBody;
import dev.trawl.api.service.Caller;
import dev.trawl.api.service.DocumentService;
import dev.trawl.api.service.SearchService;
import dev.trawl.api.service.ServiceException;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.NoSuchCollectionException;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.TokenEstimate;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.group.GroupBy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Model Context Protocol server (tools only) behind the Streamable HTTP transport: one
 * JSON-RPC 2.0 message in, its response out. Implements {@code initialize}, {@code ping},
 * {@code tools/list} and {@code tools/call} for the tools of {@link McpTools}; notifications
 * (such as {@code notifications/initialized}) are accepted and need no response.
 *
 * <p>A tool takes exactly the arguments its published input schema lists ({@link
 * McpTools#checkArguments}); fields the HTTP bodies also take (such as {@code timeout_ms}) are
 * refused like any other unknown argument. Tool errors an agent can fix (bad or unknown
 * arguments, unknown collection or document, expired cursor) come back as a tool result with
 * {@code isError: true} and a message saying what to change, as the protocol recommends, so the
 * model can read them. Results are sized to stay under {@link #MAX_RESULT_TOKENS} estimated
 * tokens.
 *
 * <p>Blocking (tools run searches): call {@link #handle} on a worker thread. Thread-safe.
 */
public final class McpServer {
  private static final Logger LOG = Logger.getLogger(McpServer.class.getName());

  /** Protocol versions this server speaks, newest first. */
  public static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
  /** Hard cap of one tool result, well under the 25,000 tokens clients allow. */
  public static final int MAX_RESULT_TOKENS = 20_000;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  private final SearchService search;
  private final DocumentService documents;
  private final TranscriptService transcripts;
  private final Catalog catalog;
  private final String defaultCollection;
  private final int timeoutMs;

  public McpServer(SearchService search, DocumentService documents, TranscriptService transcripts, Catalog catalog,
      String defaultCollection, int timeoutMs) {
    this.search = search;
    this.documents = documents;
    this.transcripts = transcripts;
    this.catalog = catalog;
    this.defaultCollection = defaultCollection;
    this.timeoutMs = timeoutMs;
  }

  /** True when {@code message} needs no response (a notification or a response from the client). */
  public static boolean isNotification(JsonNode message) {
    return message.isObject() && !message.has("id");
  }

  /** Answers one JSON-RPC request; for a notification returns null. */
  public ObjectNode handle(JsonNode message, Caller caller) {
    if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
      return error(null, INVALID_REQUEST, "expected one JSON-RPC 2.0 request object");
    }
    if (isNotification(message)) {
      return null;
    }
    JsonNode id = message.get("id");
    String method = message.path("method").asText("");
    JsonNode params = message.path("params");
    try {
      return switch (method) {
        case "initialize" -> result(id, initialize(params));
        case "ping" -> result(id, WireJson.MAPPER.createObjectNode());
        case "tools/list" -> {
          ObjectNode r = WireJson.MAPPER.createObjectNode();
          r.set("tools", McpTools.list(defaultCollection, catalog.list()));
          yield result(id, r);
        }
        case "tools/call" -> callTool(id, params, caller);
        default -> error(id, METHOD_NOT_FOUND, "method '" + method + "' is not supported; this server offers "
            + "initialize, ping, tools/list and tools/call");
      };
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(Level.SEVERE, "MCP " + method + " failed (error id " + ref + ")", e);
      return error(id, INTERNAL_ERROR, "internal error (id " + ref + ")");
    }
  }

  private ObjectNode initialize(JsonNode params) {
    String asked = params.path("protocolVersion").asText("");
    ObjectNode r = WireJson.MAPPER.createObjectNode();
    r.put("protocolVersion", PROTOCOL_VERSIONS.contains(asked) ? asked : PROTOCOL_VERSIONS.get(0));
    r.putObject("capabilities").putObject("tools").put("listChanged", false);
    r.putObject("serverInfo").put("name", "trawl").put("version", "0.1.0");
    r.put("instructions", "Trawl searches document collections (default \"" + defaultCollection + "\"). Use "
        + "multi_search with several phrasings of the need, then fetch_document for a result's full text. Filter "
        + "on the metadata results show, e.g. {\"type\": \"runbook\"}. The speaker filter and "
        + "fetch_transcript_context apply only to collections with ingested meeting transcripts (results with "
        + "metadata type \"transcript\", ids like \"meeting-id#c3\"); meeting notes stored as documents "
        + "are read with fetch_document.");
    return r;
  }

  private ObjectNode callTool(JsonNode id, JsonNode params, Caller caller) {
    String name = params.path("name").asText("");
    JsonNode args = params.path("arguments");
    if (args.isMissingNode() || args.isNull()) {
      args = WireJson.MAPPER.createObjectNode();
    }
    if (!args.isObject()) {
      return error(id, INVALID_PARAMS, "tools/call arguments must be an object");
    }
    if (!McpTools.NAMES.contains(name)) {
      return error(id, INVALID_PARAMS, "unknown tool '" + name + "'; tools: " + String.join(", ", McpTools.NAMES));
    }
    ObjectNode a = ((ObjectNode) args).deepCopy();
    try {
      McpTools.checkArguments(name, a);
      String collection = a.hasNonNull("collection") ? a.remove("collection").asText() : defaultCollection;
      Object value = switch (name) {
        case McpTools.SEARCH -> search(collection, a, caller);
        case McpTools.MULTI_SEARCH -> multiSearch(collection, a, caller);
        case McpTools.FETCH_TRANSCRIPT_CONTEXT -> context(collection, a, caller);
        default -> fetch(collection, a, caller);
      };
      return result(id, content(fit(WireJson.MAPPER.valueToTree(value)), false));
    } catch (ServiceException | NoSuchCollectionException | IllegalArgumentException e) {
      return result(id, content(WireJson.MAPPER.createObjectNode().put("error", e.getMessage()), true));
    }
  }

  private Object search(String collection, ObjectNode a, Caller caller) {
    long t0 = System.nanoTime();
    int k = a.hasNonNull("k") ? checkK(a) : 0;
    if (McpTools.hasCursor(a)) {
      String cursor = a.get("cursor").asText();
      if (SearchService.pagesGroups(cursor)) {
        return ResponseMapping.groupedSearch(search.searchGroupedPage(collection, cursor, k, caller), ms(t0));
      }
      return ResponseMapping.search(search.searchPage(collection, cursor, k, caller), ms(t0));
    }
    SearchBody body = WireJson.read(a, SearchBody.class);
    GroupBy groupBy = RequestMapping.groupBy(body.groupBy(), body.perGroup(), null);
    SearchRequest r = RequestMapping.search(body);
    if (groupBy != null) {
      return ResponseMapping.groupedSearch(search.searchGrouped(collection, r, groupBy, caller), ms(t0));
    }
    return ResponseMapping.search(search.search(collection, r, caller), ms(t0));
  }

  private Object multiSearch(String collection, ObjectNode a, Caller caller) {
    long t0 = System.nanoTime();
    int k = a.hasNonNull("k") ? checkK(a) : 0;
    if (McpTools.hasCursor(a)) {
      String cursor = a.get("cursor").asText();
      if (SearchService.pagesGroups(cursor)) {
        return ResponseMapping.groupedMultiSearch(search.multiSearchGroupedPage(collection, cursor, k, caller),
            ms(t0));
      }
      return ResponseMapping.multiSearch(search.multiSearchPage(collection, cursor, k, caller), ms(t0));
    }
    if (!a.has("token_budget")) {
      a.put("token_budget", McpTools.DEFAULT_TOKEN_BUDGET);
    }
    if (a.path("token_budget").isInt() && a.get("token_budget").intValue() > McpTools.MAX_TOKEN_BUDGET) {
      throw new IllegalArgumentException("token_budget must be at most " + McpTools.MAX_TOKEN_BUDGET);
    }
    MultiSearchBody body = WireJson.read(a, MultiSearchBody.class);
    GroupBy groupBy = RequestMapping.groupBy(body.groupBy(), body.perGroup(), null);
    MultiSearchRequest r = RequestMapping.multiSearch(body);
    if (groupBy != null) {
      return ResponseMapping.groupedMultiSearch(search.multiSearchGrouped(collection, r, groupBy, caller), ms(t0));
    }
    long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    return ResponseMapping.multiSearch(search.multiSearch(collection, r, caller, deadline), ms(t0));
  }

  private static int checkK(ObjectNode a) {
    JsonNode k = a.get("k");
    if (!k.isInt()) {
      throw new IllegalArgumentException("k must be an integer between 1 and " + McpTools.MAX_K);
    }
    if (k.intValue() < 1 || k.intValue() > McpTools.MAX_K) {
      throw new IllegalArgumentException("k must be between 1 and " + McpTools.MAX_K + ", got " + k.intValue());
    }
    return k.intValue();
  }

  private Object fetch(String collection, ObjectNode a, Caller caller) {
    if (!a.path("id").isTextual() || a.get("id").asText().isBlank()) {
      throw new IllegalArgumentException("'id' is required: the id of a search result");
    }
    String docId = a.get("id").asText();
    String passage = a.hasNonNull("passage") ? a.get("passage").asText() : null;
    if (passage != null && !passage.contains("#")) {
      passage = docId + "#" + passage;
    }
    int maxTokens = McpTools.DEFAULT_FETCH_TOKENS;
    if (a.hasNonNull("max_tokens")) {
      if (!a.get("max_tokens").isInt()) {
        throw new IllegalArgumentException("max_tokens must be an integer");
      }
      maxTokens = a.get("max_tokens").intValue();
      if (maxTokens < 100 || maxTokens > McpTools.MAX_FETCH_TOKENS) {
        throw new IllegalArgumentException("max_tokens must be between 100 and " + McpTools.MAX_FETCH_TOKENS);
      }
    }
    var d = documents.get(collection, docId, passage, caller);
    ObjectNode out = WireJson.MAPPER.valueToTree(ResponseMapping.document(d));
    int chars = TokenEstimate.chars(maxTokens);
    if (d.text().length() > chars) {
      out.put("text", d.text().substring(0, chars));
      out.put("truncated", true);
      out.put("note", "text cut at " + maxTokens + " tokens of " + TokenEstimate.of(d.text())
          + "; fetch single passages (see 'passages') to read the rest");
    }
    return out;
  }

  private Object context(String collection, ObjectNode a, Caller caller) {
    if (!a.path("id").isTextual() || a.get("id").asText().isBlank()) {
      throw new IllegalArgumentException("'id' is required: the id of a transcript search result (like "
          + "\"meeting-id#c3\")");
    }
    long t0 = System.nanoTime();
    int before = turns(a, "before");
    int after = turns(a, "after");
    var w = transcripts.context(collection, a.get("id").asText(), before, after, caller.principals());
    return ResponseMapping.context(w, ms(t0));
  }

  private static int turns(ObjectNode a, String name) {
    if (!a.hasNonNull(name)) {
      return McpTools.DEFAULT_CONTEXT_TURNS;
    }
    JsonNode n = a.get(name);
    if (!n.isInt() || n.intValue() < 0 || n.intValue() > McpTools.MAX_CONTEXT_TURNS) {
      throw new IllegalArgumentException(name + " must be an integer between 0 and " + McpTools.MAX_CONTEXT_TURNS);
    }
    return n.intValue();
  }

  /**
   * Drops trailing entries (results, hits, groups or context turns) of an over-large result until
   * it fits {@link #MAX_RESULT_TOKENS}.
   */
  static ObjectNode fit(ObjectNode value) {
    String list = value.has("results") ? "results" : value.has("hits") ? "hits" : value.has("groups") ? "groups"
        : value.has("turns") ? "turns" : null;
    int dropped = 0;
    while (TokenEstimate.of(value.toString()) > MAX_RESULT_TOKENS && list != null && value.get(list).size() > 1) {
      ArrayNode arr = (ArrayNode) value.get(list);
      arr.remove(arr.size() - 1);
      dropped++;
    }
    if (dropped > 0) {
      value.put("truncated", true);
      value.put("note", dropped + " trailing " + list + " were left out to keep this result under "
          + MAX_RESULT_TOKENS + " tokens; lower k, per_group, token_budget or before/after");
    }
    return value;
  }

  private static ObjectNode content(JsonNode payload, boolean isError) {
    ObjectNode r = WireJson.MAPPER.createObjectNode();
    r.putArray("content").addObject().put("type", "text").put("text", payload.toString());
    r.put("isError", isError);
    return r;
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode r = WireJson.MAPPER.createObjectNode();
    r.put("jsonrpc", "2.0");
    r.set("id", id);
    r.set("result", result);
    return r;
  }

  /** A JSON-RPC error response ({@code id} null when the request could not be read). */
  public static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode r = WireJson.MAPPER.createObjectNode();
    r.put("jsonrpc", "2.0");
    if (id == null) {
      r.putNull("id");
    } else {
      r.set("id", id);
    }
    r.putObject("error").put("code", code).put("message", message);
    return r;
  }

  public static ObjectNode parseError(String message) {
    return error(null, PARSE_ERROR, message);
  }
}
