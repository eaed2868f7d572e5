package dev.trawl.api.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.api.Engine;
import dev.trawl.api.http.ApiServer;
import dev.trawl.api.http.ServerConfig;
import dev.trawl.api.sample.SampleCorpus;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.ingest.ProgressListener;
import dev.trawl.indexer.transcript.Fixtures;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.query.TokenEstimate;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The MCP endpoint, driven by the official MCP Java SDK as the client over Streamable HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Vertx vertx;
  private Engine engine;
  private ApiServer server;
  private McpSyncClient client;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    vertx = Vertx.vertx();
    engine = Engine.open(data, new HashingEmbedder(64), CollectionOptions.defaults());
    SampleCorpus.indexIfEmpty(engine.catalog().openOrCreate(SampleCorpus.COLLECTION), ProgressListener.NONE);
    TranscriptService transcripts = new TranscriptService(engine.catalog(), engine.searcher(),
        TranscriptChunking.defaults());
    transcripts.ingest("meetings", new TranscriptService.IngestRequest(Fixtures.read("platform-sync.txt"), "sync",
        "platform-sync", "Weekly platform sync", "2026-03-04", "auto", List.of(), List.of()));
    transcripts.ingest("meetings", new TranscriptService.IngestRequest(Fixtures.read("pricing-committee.txt"),
        "pricing", "pricing-committee", "Pricing committee", "2026-03-11", "auto", List.of(), List.of("group:finance")));
    server = ApiServer.start(vertx, engine, ServerConfig.defaults().withPort(0)).await();
    client = connect(Map.of());
  }

  private McpSyncClient connect(Map<String, String> headers) {
    var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
        .endpoint("/mcp")
        .requestBuilder(base(headers))
        .build();
    McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    c.initialize();
    return c;
  }

  private static HttpRequest.Builder base(Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder();
    headers.forEach(b::header);
    return b;
  }

  @AfterAll
  void stop() throws Exception {
    client.closeGracefully();
    server.stop();
    engine.close();
    vertx.close().await();
  }

  private JsonNode call(McpSyncClient c, String tool, Map<String, Object> args, boolean expectError) throws Exception {
    McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
    assertEquals(expectError, Boolean.TRUE.equals(r.isError()), r.toString());
    assertEquals(1, r.content().size());
    String text = ((McpSchema.TextContent) r.content().get(0)).text();
    assertTrue(TokenEstimate.of(text) <= McpServer.MAX_RESULT_TOKENS, "result has " + TokenEstimate.of(text)
        + " tokens");
    return JSON.readTree(text);
  }

  @Test
  void initializeNegotiatesAndNamesTheServer() {
    var info = client.getServerInfo();
    assertEquals("trawl", info.name());
    assertTrue(McpServer.PROTOCOL_VERSIONS.contains(client.getCurrentInitializationResult().protocolVersion()));
    assertTrue(client.getServerCapabilities().tools() != null);
    String instructions = client.getCurrentInitializationResult().instructions();
    assertTrue(instructions.contains("default \"sample\"") && instructions.contains("fetch_transcript_context apply "
        + "only to collections with ingested meeting transcripts"), instructions);
  }

  @Test
  void listsFourToolsWithSchemasAnAgentCanFillIn() {
    var tools = client.listTools().tools();
    Set<String> names = new TreeSet<>();
    for (var t : tools) {
      names.add(t.name());
      assertTrue(t.description().length() > 100, t.name() + " needs a description written for an agent");
      Map<String, Object> schema = t.inputSchema();
      assertEquals("object", schema.get("type"));
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) schema.get("properties");
      props.forEach((p, s) -> assertTrue(String.valueOf(s.get("description")).length() > 10,
          t.name() + "." + p + " needs a description"));
      String collection = String.valueOf(props.get("collection").get("description"));
      assertTrue(collection.startsWith(t.name().startsWith("fetch") ? "Collection that holds the "
          : "Collection to search."), t.name() + ".collection: " + collection);
    }
    assertEquals(Set.of("search", "multi_search", "fetch_document", "fetch_transcript_context"), names);
  }

  @Test
  void multiSearchAttributesResultsAndStaysWithinTheTokenBudget() throws Exception {
    JsonNode r = call(client, "multi_search", Map.of("queries", List.of("postgres primary failover",
        "promote a replica", "kafka consumer lag")), false);
    JsonNode results = r.get("results");
    assertTrue(results.size() > 0);
    Set<String> ids = new TreeSet<>();
    for (JsonNode h : results) {
      assertTrue(ids.add(h.get("id").asText()), "duplicate " + h.get("id"));
      assertTrue(h.get("matched").size() >= 1);
    }
    assertEquals(3, r.get("per_query").size());
    assertTrue(r.get("snippet_tokens").asInt() <= 8000);
    assertFalse(r.get("cursor").isNull(), "more results than one page");
    JsonNode next = call(client, "multi_search", Map.of("cursor", r.get("cursor").asText()), false);
    assertEquals(results.size() + 1, next.get("results").get(0).get("rank").asInt());
  }

  @Test
  void searchAndFetchDocument() throws Exception {
    JsonNode r = call(client, "search", Map.of("query", "how do we fail over the primary database", "k", 3), false);
    JsonNode top = r.get("hits").get(0);
    assertEquals("runbook-db-failover", top.get("id").asText());
    JsonNode doc = call(client, "fetch_document", Map.of("id", top.get("id").asText()), false);
    assertTrue(doc.get("text").asText().length() > 5000);
    JsonNode passage = call(client, "fetch_document", Map.of("id", top.get("id").asText(), "passage",
        top.get("passage").get("id").asText()), false);
    assertEquals(top.get("passage").get("id").asText(), passage.get("passage").get("id").asText());
    JsonNode cut = call(client, "fetch_document", Map.of("id", "runbook-db-failover", "max_tokens", 100), false);
    assertTrue(cut.get("truncated").asBoolean());
    assertEquals(400, cut.get("text").asText().length());
  }

  @Test
  void transcriptFiltersGroupingAndContext() throws Exception {
    JsonNode r = call(client, "search", Map.of("collection", "meetings", "query", "API rate limits", "k", 10,
        "filters", Map.of("speaker", "marco")), false);
    assertTrue(r.get("hits").size() > 0, r.toString());
    for (JsonNode h : r.get("hits")) {
      assertEquals("pricing-committee", h.get("transcript").get("meeting_id").asText(), h.toString());
      assertTrue(h.get("snippet").asText().startsWith("["), h.toString());
    }
    JsonNode dated = call(client, "multi_search", Map.of("collection", "meetings", "queries",
        List.of("rate limits", Map.of("query", "on-call rotation", "filters", Map.of("speaker", "Tom Lee"))),
        "filters", Map.of("date_to", "2026-03-05")), false);
    assertTrue(dated.get("results").size() > 0);
    dated.get("results").forEach(h -> assertEquals("2026-03-04", h.get("transcript").get("date").asText()));

    JsonNode grouped = call(client, "search", Map.of("collection", "meetings", "query", "enterprise rate limit",
        "group_by", "meeting", "per_group", 1), false);
    Set<String> keys = new TreeSet<>();
    grouped.get("groups").forEach(g -> {
      keys.add(g.get("key").asText());
      assertEquals(1, g.get("hits").size());
    });
    assertEquals(Set.of("platform-sync", "pricing-committee"), keys);

    // One group per page, through the same tool: the cursor carries the grouping.
    JsonNode firstGroup = call(client, "search", Map.of("collection", "meetings", "query", "enterprise rate limit",
        "group_by", "meeting", "per_group", 1, "k", 1), false);
    JsonNode secondGroup = call(client, "search", Map.of("collection", "meetings", "cursor",
        firstGroup.get("cursor").asText()), false);
    assertEquals(2, secondGroup.get("groups").get(0).get("rank").asInt());
    assertEquals(keys, new TreeSet<>(List.of(firstGroup.get("groups").get(0).get("key").asText(),
        secondGroup.get("groups").get(0).get("key").asText())));

    String id = r.get("hits").get(0).get("id").asText();
    JsonNode context = call(client, "fetch_transcript_context", Map.of("collection", "meetings", "id", id,
        "before", 1, "after", 1), false);
    assertEquals("Pricing committee", context.get("title").asText());
    assertTrue(context.get("turns").size() >= 2);
    assertTrue(context.get("turns").get(0).get("line").asText().matches("\\[\\d\\d:.*] .+: .+"));

    McpSyncClient eng = connect(Map.of("X-Trawl-Principals", "group:eng"));
    try {
      JsonNode hidden = call(eng, "search", Map.of("collection", "meetings", "query", "API rate limits",
          "filters", Map.of("speaker", "marco")), false);
      assertEquals(0, hidden.get("hits").size(), hidden.toString());
      assertTrue(call(eng, "fetch_transcript_context", Map.of("collection", "meetings", "id", id), true)
          .get("error").asText().contains("no transcript chunk"));
    } finally {
      eng.closeGracefully();
    }
    assertTrue(call(client, "search", Map.of("collection", "meetings", "query", "x", "filters",
        Map.of("date_from", "March")), true).get("error").asText().contains("date_from"));
  }

  @Test
  void mistakesComeBackAsToolErrorsThatSayWhatToFix() throws Exception {
    assertTrue(call(client, "search", Map.of("query", "x", "collection", "nope"), true).get("error").asText()
        .contains("no collection named 'nope'"));
    assertTrue(call(client, "multi_search", Map.of("queries", List.of()), true).get("error").asText()
        .contains("1 to 32"));
    assertTrue(call(client, "search", Map.of("query", "x", "k", 500), true).get("error").asText()
        .contains("between 1 and 50"));
    assertTrue(call(client, "fetch_document", Map.of("id", "no-such-doc"), true).get("error").asText()
        .contains("no document"));
    assertTrue(call(client, "search", Map.of("cursor", "c1.garbage"), true).get("error").asText()
        .contains("malformed cursor"));
  }

  /**
   * Each tool takes exactly the arguments its input schema lists: an unknown one, including a
   * field the HTTP body takes but the schema does not (timeout_ms, rerank, dedupe), is a tool
   * error naming that tool's arguments, even where the call would otherwise succeed.
   */
  @Test
  void argumentsOutsideAToolsSchemaAreToolErrorsListingItsArguments() throws Exception {
    String chunk = transcriptChunkId();
    Map<String, Map<String, Object>> valid = Map.of(
        "search", Map.of("query", "database"),
        "multi_search", Map.of("queries", List.of("database")),
        "fetch_document", Map.of("id", "runbook-db-failover"),
        "fetch_transcript_context", Map.of("collection", "meetings", "id", chunk));
    Map<String, String> expected = Map.of(
        "search", "collection, cursor, filters, group_by, k, mode, per_group, query",
        "multi_search", "collection, cursor, filters, group_by, k, mode, per_group, per_query_k, queries, "
            + "token_budget",
        "fetch_document", "collection, id, max_tokens, passage",
        "fetch_transcript_context", "after, before, collection, id");
    for (String tool : McpTools.NAMES) {
      call(client, tool, valid.get(tool), false);
      Map<String, Object> args = new HashMap<>(valid.get(tool));
      args.put(tool.startsWith("fetch") ? "foo" : "limit", 5);
      String error = call(client, tool, args, true).get("error").asText();
      assertEquals("unknown argument '" + (tool.startsWith("fetch") ? "foo" : "limit") + "' for " + tool
          + "; its arguments are: " + expected.get(tool), error);
    }
    for (Map.Entry<String, Object> hidden : Map.<String, Object>of("timeout_ms", 1, "rerank", false, "explain",
        "features", "snippet", Map.of("max_tokens", 40)).entrySet()) {
      assertTrue(call(client, "search", Map.of("query", "database", hidden.getKey(), hidden.getValue()), true)
          .get("error").asText().startsWith("unknown argument '" + hidden.getKey() + "' for search"), hidden.getKey());
    }
    assertTrue(call(client, "multi_search", Map.of("queries", List.of("database"), "dedupe", false, "timeout_ms", 1),
        true).get("error").asText().matches("unknown arguments '(dedupe|timeout_ms)', '(dedupe|timeout_ms)' for "
            + "multi_search; .*"));
  }

  /**
   * Every argument a tool's schema lists works in a call (alone with the required ones, or with
   * the argument it needs): a schema property the tool cannot take fails here, and so does a new
   * property without an example below.
   */
  @Test
  void everyArgumentInAToolsSchemaIsAccepted() throws Exception {
    String chunk = transcriptChunkId();
    String searchCursor = call(client, "search", Map.of("query", "database", "k", 1), false).get("cursor").asText();
    String multiCursor = call(client, "multi_search", Map.of("queries", List.of("database"), "k", 1), false)
        .get("cursor").asText();
    Map<String, Object> q = Map.of("query", "database");
    Map<String, Object> qs = Map.of("queries", List.of("database", "failover"));
    Map<String, Object> doc = Map.of("id", "runbook-db-failover");
    Map<String, Object> turn = Map.of("collection", "meetings", "id", chunk);
    Map<String, Map<String, Map<String, Object>>> examples = Map.of(
        "search", Map.of(
            "query", q,
            "collection", with(q, "collection", "sample"),
            "k", with(q, "k", 2),
            "filters", with(q, "filters", Map.of("type", "runbook")),
            "group_by", with(q, "group_by", "team"),
            "per_group", with(with(q, "group_by", "team"), "per_group", 2),
            "cursor", Map.of("cursor", searchCursor),
            "mode", with(q, "mode", "lexical")),
        "multi_search", Map.of(
            "queries", qs,
            "collection", with(qs, "collection", "sample"),
            "k", with(qs, "k", 2),
            "per_query_k", with(qs, "per_query_k", 5),
            "token_budget", with(qs, "token_budget", 500),
            "filters", with(qs, "filters", Map.of("type", "runbook")),
            "group_by", with(qs, "group_by", "team"),
            "per_group", with(with(qs, "group_by", "team"), "per_group", 2),
            "cursor", Map.of("cursor", multiCursor),
            "mode", with(qs, "mode", "vector")),
        "fetch_document", Map.of(
            "id", doc,
            "collection", with(doc, "collection", "sample"),
            "passage", with(doc, "passage", "1"),
            "max_tokens", with(doc, "max_tokens", 200)),
        "fetch_transcript_context", Map.of(
            "id", turn,
            "collection", turn,
            "before", with(turn, "before", 1),
            "after", with(turn, "after", 1)));
    for (var tool : client.listTools().tools()) {
      @SuppressWarnings("unchecked")
      Set<String> properties = ((Map<String, Object>) tool.inputSchema().get("properties")).keySet();
      assertEquals(properties, examples.get(tool.name()).keySet(), tool.name() + ": one example per argument");
      for (var e : examples.get(tool.name()).entrySet()) {
        assertTrue(e.getValue().containsKey(e.getKey()), tool.name() + "." + e.getKey());
        call(client, tool.name(), e.getValue(), false);
      }
    }
  }

  private static Map<String, Object> with(Map<String, Object> args, String name, Object value) {
    Map<String, Object> m = new HashMap<>(args);
    m.put(name, value);
    return m;
  }

  /** The id of a transcript chunk in the "meetings" collection. */
  private String transcriptChunkId() throws Exception {
    return call(client, "search", Map.of("collection", "meetings", "query", "rate limits", "k", 1), false)
        .get("hits").get(0).get("id").asText();
  }

  /** A group_by field no hit has is not silently ignored: the result's notices say so, naming visible fields only. */
  @Test
  void aGroupByTypoGetsANoticeWithTheCallersFieldsInUse() throws Exception {
    JsonNode r = call(client, "search", Map.of("query", "database", "group_by", "meetings", "k", 2), false);
    assertEquals(2, r.get("groups").size());
    String notice = r.get("notices").get(0).asText();
    assertTrue(notice.startsWith("no document you can see has the metadata field 'meetings' to group by")
        && notice.contains("'type'") && notice.contains("'confidential'"), notice);
    McpSyncClient eng = connect(Map.of("X-Trawl-Principals", "group:eng"));
    try {
      JsonNode multi = call(eng, "multi_search", Map.of("queries", List.of("database", "failover"), "group_by",
          "meetings"), false);
      String restricted = multi.get("notices").get(0).asText();
      assertTrue(restricted.startsWith("no document you can see has the metadata field 'meetings' to group by")
          && restricted.contains("'type'"), restricted);
      assertFalse(restricted.contains("confidential"), "only ACL-restricted documents have it: " + restricted);
    } finally {
      eng.closeGracefully();
    }
    assertFalse(call(client, "search", Map.of("query", "database", "group_by", "team"), false).has("notices"));
  }

  @Test
  void theLargestAllowedRequestStaysUnderTheTokenCap() throws Exception {
    List<String> queries = new ArrayList<>();
    for (String w : List.of("database", "kafka", "meeting", "policy", "release", "pricing", "oncall", "cache")) {
      queries.add(w + " decisions and action items");
    }
    JsonNode r = call(client, "multi_search", Map.of("queries", queries, "k", 50, "per_query_k", 200,
        "token_budget", 16000), false);
    assertTrue(r.get("results").size() > 20);
  }

  @Test
  void principalsFromTheHeaderApplyToTools() throws Exception {
    McpSyncClient eng = connect(Map.of("X-Trawl-Principals", "group:eng"));
    try {
      JsonNode r = call(eng, "search", Map.of("query", "merit increase budget compensation review", "k", 50), false);
      r.get("hits").forEach(h -> assertFalse(h.get("id").asText().startsWith("hr-"), h.toString()));
      call(eng, "fetch_document", Map.of("id", "hr-compensation-review-2026"), true);
    } finally {
      eng.closeGracefully();
    }
  }

  @Test
  void theTransportAnswersNotificationsWith202AndRefusesGet() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI mcp = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
    var note = http.send(HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, note.statusCode());
    var get = http.send(HttpRequest.newBuilder(mcp).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    var bad = http.send(HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{nope")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, bad.statusCode());
    assertEquals(-32700, JSON.readTree(bad.body()).get("error").get("code").asInt());
    var unknown = http.send(HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/list\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(-32601, JSON.readTree(unknown.body()).get("error").get("code").asInt());
  }
}
