package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.query.TokenEstimate;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** search and multi_search over HTTP on the sample corpus: shape, attribution, de-duplication, paging, ACLs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT {
  static final String SEARCH = "/v1/collections/sample/search";
  static final String MULTI = "/v1/collections/sample/multi_search";
  static final List<String> QUERIES = List.of("postgres primary failover", "kafka consumer lag",
      "database replica promotion", "TLS certificate rotation", "invoice emails sent twice");

  private Vertx vertx;
  private ApiTestServer api;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    vertx = Vertx.vertx();
    api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  private JsonNode ok(ApiTestServer.Reply r) {
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private JsonNode post(String path, Object body) {
    return ok(api.post(path, body, Map.of()));
  }

  @Test
  void searchReturnsHitsWithSnippetsPassagesAndRetrieverRanks() {
    JsonNode r = post(SEARCH, Map.of("query", "how do we fail over the primary database", "k", 3,
        "snippet", Map.of("max_tokens", 40)));
    JsonNode hits = r.get("hits");
    assertEquals(3, hits.size());
    JsonNode top = hits.get(0);
    assertEquals("runbook-db-failover", top.get("id").asText());
    assertEquals(1, top.get("rank").asInt());
    assertFalse(top.get("title").asText().isEmpty());
    assertTrue(TokenEstimate.of(top.get("snippet").asText()) <= 40, top.get("snippet").asText());
    assertTrue(top.get("passage").get("id").asText().startsWith("runbook-db-failover#"));
    assertTrue(top.get("passage").get("end").asInt() > top.get("passage").get("start").asInt());
    assertEquals("runbook", top.get("metadata").get("type").asText());
    assertTrue(top.get("retrievers").get("lexical").get("rank").asInt() >= 1);
    assertTrue(r.get("took_ms").isNumber());
    assertTrue(r.get("total").asInt() >= 3);
    assertTrue(r.has("cursor"));
  }

  @Test
  void filtersRestrictByMetadata() {
    JsonNode r = post(SEARCH, Map.of("query", "database", "k", 20, "filters", Map.of("type", List.of("runbook"))));
    assertTrue(r.get("hits").size() > 0);
    r.get("hits").forEach(h -> assertEquals("runbook", h.get("metadata").get("type").asText()));
  }

  /** Every query's rank in {@code matched} is its rank in a single search; new_documents and the union agree. */
  /** A filter that leaves nothing says why, in search and in multi_search; a result with hits has no notices. */
  @Test
  void emptyResultsExplainTheirFilter() {
    JsonNode typo = post(SEARCH, Map.of("query", "database", "filters", Map.of("typ", "runbook")));
    assertEquals(0, typo.get("hits").size());
    String notice = typo.get("notices").get(0).asText();
    assertTrue(notice.startsWith("no document you can see has the metadata field 'typ' (did you mean 'type'?); "
        + "fields in use:")
        && notice.contains("'type'"), notice);

    JsonNode value = post(MULTI, Map.of("queries", List.of("database", "failover"), "filters",
        Map.of("type", "runbooks")));
    assertEquals(0, value.get("results").size());
    notice = value.get("notices").get(0).asText();
    assertTrue(notice.startsWith("no document you can see has 'type' = 'runbooks' (did you mean 'runbook'?); values "
        + "in use:")
        && notice.contains("runbook"), notice);

    JsonNode grouped = post(SEARCH, Map.of("query", "database", "group_by", "team", "filters", Map.of("typ", "runbook")));
    assertEquals(0, grouped.get("groups").size());
    assertTrue(grouped.get("notices").get(0).asText().contains("'typ'"), grouped.toString());

    assertFalse(post(SEARCH, Map.of("query", "database", "filters", Map.of("type", "runbook"))).has("notices"));
  }

  /**
   * group_by takes any field name, so a typo cannot be refused: when no hit has the field, each hit
   * is its own group and a notice says why, listing only fields of documents the caller can see
   * ('confidential' is only on ACL-restricted documents).
   */
  @Test
  void aGroupByFieldNoHitHasGetsANoticeNamingOnlyVisibleFields() {
    Map<String, Object> typo = Map.of("query", "database", "group_by", "meetings", "k", 2);
    JsonNode trusted = post(SEARCH, typo);
    assertEquals(2, trusted.get("groups").size());
    trusted.get("groups").forEach(g -> assertEquals(g.get("key").asText(), g.get("hits").get(0).get("id").asText()));
    assertEquals(1, trusted.get("notices").size(), trusted.toString());
    String notice = trusted.get("notices").get(0).asText();
    assertTrue(notice.startsWith("no document you can see has the metadata field 'meetings' to group by (did you "
        + "mean 'meeting'?), so each result is a group of its own; fields in use: "), notice);
    assertTrue(notice.contains("'type'") && notice.contains("'confidential'"), notice);

    for (Map<String, String> who : List.of(Map.of("X-Trawl-Principals", "group:eng"),
        Map.of("X-Trawl-Principals", ""))) {
      String restricted = ok(api.post(SEARCH, typo, who)).get("notices").get(0).asText();
      assertTrue(restricted.contains("fields in use: ") && restricted.contains("'type'"), restricted);
      assertFalse(restricted.contains("confidential"), who + ": " + restricted);
      String hiddenField = ok(api.post(MULTI, Map.of("queries", List.of("compensation review", "budget forecast"),
          "group_by", "confidential"), who)).get("notices").get(0).asText();
      assertTrue(hiddenField.startsWith("no document you can see has the metadata field 'confidential' to group "
          + "by"), hiddenField);
      assertFalse(hiddenField.substring(hiddenField.indexOf("fields in use")).contains("confidential"), hiddenField);
    }
    JsonNode hidden = ok(api.post(MULTI, Map.of("queries", List.of("compensation review", "budget forecast"),
        "group_by", "confidential"), Map.of()));
    assertFalse(hidden.has("notices"), "some hit has 'confidential' for a trusted caller: " + hidden);

    String list = post(MULTI, Map.of("queries", List.of("weekly meeting notes", "database"), "group_by",
        "participants")).get("notices").get(0).asText();
    assertTrue(list.startsWith("none of these results has a single value of the metadata field 'participants'"),
        list);
    assertFalse(post(SEARCH, Map.of("query", "database", "group_by", "team")).has("notices"));
  }

  @Test
  void fanOutAttributesEachResultAndDeduplicatesAcrossQueries() {
    int perQueryK = 8;
    JsonNode r = post(MULTI, Map.of("queries", QUERIES, "k", 1000, "per_query_k", perQueryK, "mode", "lexical"));
    List<Map<String, Integer>> single = new ArrayList<>();
    Set<String> union = new LinkedHashSet<>();
    for (String q : QUERIES) {
      JsonNode s = post(SEARCH, Map.of("query", q, "k", perQueryK, "mode", "lexical"));
      Map<String, Integer> ranks = new LinkedHashMap<>();
      s.get("hits").forEach(h -> ranks.put(h.get("id").asText(), h.get("rank").asInt()));
      single.add(ranks);
      union.addAll(ranks.keySet());
    }
    Set<String> seen = new HashSet<>();
    Map<String, Map<Integer, Integer>> matchedBy = new HashMap<>();
    for (JsonNode hit : r.get("results")) {
      String id = hit.get("id").asText();
      assertTrue(seen.add(id), "duplicate " + id);
      Map<Integer, Integer> m = new HashMap<>();
      int previousRank = 0;
      for (JsonNode match : hit.get("matched")) {
        m.put(match.get("query_index").asInt(), match.get("rank").asInt());
        assertTrue(match.get("rank").asInt() >= previousRank, "matched is ordered best rank first: " + hit);
        previousRank = match.get("rank").asInt();
      }
      matchedBy.put(id, m);
    }
    assertEquals(union, seen, "the fused list is the union of the per-query lists");
    for (int i = 0; i < QUERIES.size(); i++) {
      for (Map.Entry<String, Integer> e : single.get(i).entrySet()) {
        assertEquals(e.getValue(), matchedBy.get(e.getKey()).get(i),
            "query " + i + " found " + e.getKey() + " at rank " + e.getValue());
      }
    }
    Set<String> earlier = new HashSet<>();
    for (int i = 0; i < QUERIES.size(); i++) {
      JsonNode report = r.get("per_query").get(i);
      assertEquals(i, report.get("query_index").asInt());
      assertEquals(single.get(i).size(), report.get("hits").asInt());
      long fresh = single.get(i).keySet().stream().filter(id -> !earlier.contains(id)).count();
      assertEquals(fresh, report.get("new_documents").asLong(), "new_documents of query " + i);
      earlier.addAll(single.get(i).keySet());
    }
    // Documents that several queries found come first.
    JsonNode top = r.get("results").get(0);
    assertTrue(top.get("matched").size() >= 2, top.toString());
    assertFalse(r.get("partial").asBoolean());
  }

  @Test
  void tokenBudgetCapsTheSnippetsOfAPage() {
    JsonNode r = post(MULTI, Map.of("queries", QUERIES, "k", 20, "token_budget", 150));
    int sum = 0;
    for (JsonNode h : r.get("results")) {
      sum += TokenEstimate.of(h.get("snippet").asText());
    }
    assertTrue(sum <= 150, "snippets use " + sum + " tokens");
    assertEquals(sum, r.get("snippet_tokens").asInt());
    assertTrue(r.get("budget_exhausted").asBoolean());
    assertFalse(r.get("results").get(0).get("snippet").asText().isEmpty());
  }

  private List<String> walk(String path, Map<String, Object> first, Map<String, String> headers) {
    List<String> ids = new ArrayList<>();
    JsonNode page = ok(api.post(path, first, headers));
    String list = path.endsWith("multi_search") ? "results" : "hits";
    while (true) {
      for (JsonNode h : page.get(list)) {
        assertEquals(ids.size() + 1, h.get("rank").asInt(), "ranks continue across pages");
        ids.add(h.get("id").asText());
      }
      if (page.get("cursor").isNull()) {
        assertEquals(page.get("total").asInt(), ids.size());
        return ids;
      }
      page = ok(api.post(path, Map.of("cursor", page.get("cursor").asText()), headers));
    }
  }

  @Test
  void cursorsWalkTheWholeListWithoutGapsOrDuplicates() {
    Map<String, Object> multi = Map.of("queries", QUERIES, "k", 4, "per_query_k", 10);
    List<String> walked = walk(MULTI, multi, Map.of());
    JsonNode all = post(MULTI, Map.of("queries", QUERIES, "k", 1000, "per_query_k", 10));
    List<String> expected = new ArrayList<>();
    all.get("results").forEach(h -> expected.add(h.get("id").asText()));
    assertEquals(expected, walked);
    assertEquals(walked.size(), new HashSet<>(walked).size());

    List<String> single = walk(SEARCH, Map.of("query", "database failover", "k", 7), Map.of());
    assertEquals(single.size(), new HashSet<>(single).size());
    assertTrue(single.size() > 7);
  }

  @Test
  void aCursorKeepsItsSnapshotWhileWritesContinue() {
    Map<String, Object> query = Map.of("query", "database failover", "k", 2, "mode", "lexical");
    JsonNode first = post(SEARCH, query);
    int totalBefore = first.get("total").asInt();
    assertFalse(first.get("cursor").isNull(), "the query matches more than one page");
    String cursor = first.get("cursor").asText();
    // A new document that matches the query better than anything already there.
    var put = api.call("PUT", "/v1/collections/sample/documents/failover-note", "{\"title\": \"database failover\", "
        + "\"text\": \"database failover. database failover. database failover.\"}", Map.of());
    assertEquals(200, put.status(), put.toString());
    try {
      List<String> rest = new ArrayList<>();
      String next = cursor;
      while (next != null) {
        JsonNode page = post(SEARCH, Map.of("cursor", next));
        assertEquals(totalBefore, page.get("total").asInt(), "the cursor's list is fixed");
        page.get("hits").forEach(h -> rest.add(h.get("id").asText()));
        next = page.get("cursor").isNull() ? null : page.get("cursor").asText();
      }
      assertFalse(rest.contains("failover-note"), "a document written after the first page must not appear");
      assertEquals(totalBefore - 2, rest.size());
      Set<String> fresh = ids(api.post(SEARCH, query, Map.of()), "hits");
      assertTrue(fresh.contains("failover-note"), "a new search sees the write: " + fresh);
    } finally {
      api.call("DELETE", "/v1/collections/sample/documents/failover-note", null, Map.of());
    }
  }

  @Test
  void aCursorSentElsewhereIsRejectedSayingWhere() {
    String cursor = post(SEARCH, Map.of("query", "database", "k", 2)).get("cursor").asText();
    var created = api.post("/v1/collections", "{\"name\": \"elsewhere\"}");
    assertEquals(201, created.status(), created.toString());
    try {
      var r = api.post("/v1/collections/elsewhere/search", Map.of("cursor", cursor), Map.of());
      assertEquals(400, r.status(), r.toString());
      assertEquals("invalid_cursor", r.errorCode());
      assertTrue(r.json().get("error").get("message").asText().contains("collection 'sample'"));
      var wrongEndpoint = api.post(MULTI, Map.of("cursor", cursor), Map.of());
      assertEquals(400, wrongEndpoint.status());
      var malformed = api.post(SEARCH, Map.of("cursor", "c1.garbage"), Map.of());
      assertEquals(400, malformed.status(), malformed.toString());
      assertEquals("invalid_cursor", malformed.errorCode());
      var otherCaller = api.post(SEARCH, Map.of("cursor", cursor), Map.of("X-Trawl-Principals", "group:hr"));
      assertEquals(400, otherCaller.status(), otherCaller.toString());
    } finally {
      api.call("DELETE", "/v1/collections/elsewhere", null, Map.of());
    }
  }

  @Test
  void anExpiredCursorGets410AndIsToldToRerunTheSearch() throws Exception {
    var shortLived = ApiServer.start(vertx, api.engine, ApiTestServer.testConfig().withPort(0)
        .withCursors(Duration.ofMillis(300), 10)).await();
    var client = io.vertx.ext.web.client.WebClient.create(vertx);
    try {
      var first = client.post(shortLived.port(), "127.0.0.1", SEARCH)
          .sendJson(Map.of("query", "database", "k", 2)).await().bodyAsJsonObject();
      String cursor = first.getString("cursor");
      assertNotNull(cursor);
      Thread.sleep(600);
      var r = client.post(shortLived.port(), "127.0.0.1", SEARCH).sendJson(Map.of("cursor", cursor)).await();
      assertEquals(410, r.statusCode(), r.bodyAsString());
      assertEquals("cursor_expired", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
      assertTrue(r.bodyAsString().contains("Re-run the search"), r.bodyAsString());
    } finally {
      client.close();
      shortLived.stop();
    }
  }

  @Test
  void principalsHideRestrictedDocumentsOnEveryReadPath() {
    List<String> hrQueries = List.of("merit increase budget compensation review", "performance improvement process");
    Map<String, Object> body = Map.of("queries", hrQueries, "k", 50, "mode", "lexical");
    Set<String> asEng = ids(api.post(MULTI, body, Map.of("X-Trawl-Principals", "group:eng")), "results");
    Set<String> asHr = ids(api.post(MULTI, body, Map.of("X-Trawl-Principals", "group:hr, user:ana")), "results");
    Set<String> trusted = ids(api.post(MULTI, body, Map.of()), "results");
    assertFalse(asEng.stream().anyMatch(id -> id.startsWith("hr-")), asEng.toString());
    assertTrue(asHr.contains("hr-compensation-review-2026"), asHr.toString());
    assertTrue(trusted.contains("hr-compensation-review-2026"));

    Map<String, Object> one = Map.of("query", "merit increase budget", "k", 50);
    assertFalse(ids(api.post(SEARCH, one, Map.of("X-Trawl-Principals", "")), "hits")
        .contains("hr-compensation-review-2026"), "an empty principal list sees public documents only");
    assertEquals(200, api.call("GET", "/v1/collections/sample/documents/hr-compensation-review-2026", null,
        Map.of("X-Trawl-Principals", "group:hr")).status());
  }

  private static Set<String> ids(ApiTestServer.Reply r, String list) {
    assertEquals(200, r.status(), r.toString());
    Set<String> out = new LinkedHashSet<>();
    r.json().get(list).forEach(h -> out.add(h.get("id").asText()));
    return out;
  }

  @Test
  void aDeadlineThatPassesGivesPartialResultsOr504() {
    var r = api.post(MULTI, Map.of("queries", QUERIES, "timeout_ms", 1), Map.of());
    if (r.status() == 200) {
      // Partial, or complete when every sub-query had already finished by the time the deadline
      // was checked: then each query has its report and nothing is flagged as timed out.
      if (!r.json().get("partial").asBoolean()) {
        assertEquals(QUERIES.size(), r.json().get("per_query").size(), r.toString());
      }
    } else {
      assertEquals(504, r.status(), r.toString());
      assertEquals("deadline_exceeded", r.errorCode());
    }
  }

  /** {@code rerank} is part of the fan-out body as of search's; a wrong type is a 400 that names it. */
  @Test
  void multiSearchTakesRerank() {
    var off = api.post(MULTI, Map.of("queries", QUERIES, "rerank", false), Map.of());
    assertEquals(200, off.status(), off.toString());
    var on = api.post(MULTI, Map.of("queries", QUERIES, "rerank", true), Map.of());
    assertEquals(200, on.status(), on.toString());
    // No model in this collection: both serve the fused order.
    assertEquals(off.json().get("results").findValuesAsText("id"), on.json().get("results").findValuesAsText("id"));
    var bad = api.post(MULTI, Map.of("queries", QUERIES, "rerank", "sometimes"), Map.of());
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.toString().contains("rerank"), bad.toString());
  }
}
