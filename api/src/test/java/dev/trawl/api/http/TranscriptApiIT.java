package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.indexer.transcript.Fixtures;
import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meeting transcripts over real HTTP: ingest two fictional meetings written for Trawl's tests
 * (one restricted to a group), search them with transcript filters and {@code group_by}, fetch a
 * hit with its context, re-ingest a meeting, and reject a malformed transcript whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranscriptApiIT {
  private static final String C = "/v1/collections/meetings";
  private static final String SYNC = "platform-sync-2026-03-04";
  private static final String PRICING = "pricing-2026-03-11";
  /** A snippet or context line: {@code [00:14:07-00:15:32] Sarah Sachs: text} (end time when known). */
  private static final String LINE = "\\[\\d\\d:\\d\\d:\\d\\d(-\\d\\d:\\d\\d:\\d\\d)?] [A-Z][a-z]+ [A-Z][a-z]+: .+";

  private Vertx vertx;
  private ApiTestServer api;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    vertx = Vertx.vertx();
    api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig());
    assertEquals(201, api.post("/v1/collections", "{\"name\": \"meetings\"}").status());
    var sync = ingest(SYNC, "Weekly platform sync", "2026-03-04", Fixtures.read("platform-sync.txt"), List.of());
    assertEquals(200, sync.status(), sync.toString());
    JsonNode s = sync.json();
    assertEquals("bracket", s.get("format").asText());
    assertTrue(s.get("durable").asBoolean());
    assertEquals(SYNC, s.get("meeting_id").asText());
    assertTrue(s.get("chunks").asInt() >= 2, sync.toString());
    assertEquals(s.get("chunks").asInt(), s.get("chunk_ids").size());
    assertEquals(SYNC + "#c0", s.get("chunk_ids").get(0).asText());
    var pricing = ingest(PRICING, "Pricing committee", "2026-03-11", Fixtures.read("pricing-committee.txt"),
        List.of("group:finance"));
    assertEquals(200, pricing.status(), pricing.toString());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  private ApiTestServer.Reply ingest(String meetingId, String title, String date, String content, List<String> acl) {
    ObjectNode body = ApiTestServer.JSON.createObjectNode().put("meeting_id", meetingId).put("title", title)
        .put("date", date).put("content", content);
    acl.forEach(body.putArray("acl")::add);
    return api.post(C + "/transcripts", body.toString());
  }

  private ApiTestServer.Reply search(String body, String... principals) {
    return api.call("POST", C + "/search", body, principals.length == 0 ? Map.of()
        : Map.of("X-Trawl-Principals", String.join(",", principals)));
  }

  private ApiTestServer.Reply context(String chunkId, String query, String... principals) {
    return api.call("GET", C + "/transcripts/chunks/" + URLEncoder.encode(chunkId, StandardCharsets.UTF_8)
        + "/context" + query, null, principals.length == 0 ? Map.of()
        : Map.of("X-Trawl-Principals", String.join(",", principals)));
  }

  @Test
  @Order(1)
  void transcriptHitsShowTimedSpeakerLinesAndTheMeeting() {
    var r = search("{\"query\": \"pg_partman extension upgrade cutover\", \"k\": 3}");
    assertEquals(200, r.status(), r.toString());
    JsonNode top = r.json().get("hits").get(0);
    assertTrue(top.get("id").asText().startsWith(SYNC + "#c"), r.toString());
    assertEquals("Weekly platform sync", top.get("title").asText());
    for (String line : top.get("snippet").asText().split("\n")) {
      assertTrue(line.matches(LINE), "snippet line '" + line + "'");
    }
    JsonNode t = top.get("transcript");
    assertEquals(SYNC, t.get("meeting_id").asText());
    assertEquals("Weekly platform sync", t.get("title").asText());
    assertEquals("2026-03-04", t.get("date").asText());
    assertTrue(t.get("start").isNumber() && t.get("end").asDouble() > t.get("start").asDouble(), t.toString());
    assertTrue(t.get("speakers").size() >= 1);
    assertEquals("transcript", top.get("metadata").get("type").asText());
    // Bookkeeping fields stay out of hits (they cost an agent tokens); a fetch still has them.
    for (String internal : List.of("speaker_keys", "turns", "times", "meeting_id", "speakers")) {
      assertTrue(top.get("metadata").path(internal).isMissingNode(), internal + " in " + top.get("metadata"));
    }
  }

  @Test
  @Order(1)
  void speakerMeetingAndDateFiltersSelectChunks() {
    var bySpeaker = search("{\"query\": \"rate limits per API key\", \"k\": 20, \"filters\": {\"speaker\": \"marco\"}}");
    assertEquals(200, bySpeaker.status(), bySpeaker.toString());
    assertFalse(bySpeaker.json().get("hits").isEmpty());
    for (JsonNode h : bySpeaker.json().get("hits")) {
      assertEquals(PRICING, h.get("transcript").get("meeting_id").asText());
      assertTrue(h.get("transcript").get("speakers").toString().contains("Marco Bellini"), h.toString());
    }
    var byMeeting = search("{\"query\": \"rate limits per API key\", \"k\": 20, \"filters\": {\"meeting_id\": \""
        + SYNC + "\", \"speaker\": [\"Priya Raman\"]}}");
    assertFalse(byMeeting.json().get("hits").isEmpty());
    for (JsonNode h : byMeeting.json().get("hits")) {
      assertEquals(SYNC, h.get("transcript").get("meeting_id").asText());
    }
    var byDate = search("{\"query\": \"rate limits\", \"k\": 50, \"filters\": {\"date_from\": \"2026-03-10\", "
        + "\"date_to\": \"2026-03-31\"}}");
    assertFalse(byDate.json().get("hits").isEmpty());
    for (JsonNode h : byDate.json().get("hits")) {
      assertEquals("2026-03-11", h.get("transcript").get("date").asText(), "sample documents have no date");
    }
    var range = search("{\"query\": \"rate limits\", \"k\": 50, \"filters\": {\"date\": {\"to\": \"2026-03-05\"}}}");
    for (JsonNode h : range.json().get("hits")) {
      assertEquals(SYNC, h.get("transcript").get("meeting_id").asText());
    }
  }

  @Test
  @Order(1)
  void groupByMeetingCollapsesHitsAndRespectsTheCallersPrincipals() {
    String body = "{\"query\": \"API rate limit for enterprise keys\", \"k\": 5, \"group_by\": \"meeting\", "
        + "\"per_group\": 2, \"filters\": {\"type\": \"transcript\"}}";
    var all = search(body);
    assertEquals(200, all.status(), all.toString());
    JsonNode groups = all.json().get("groups");
    assertEquals(Set.of(SYNC, PRICING), keys(groups));
    for (JsonNode g : groups) {
      assertTrue(g.get("hits").size() >= 1 && g.get("hits").size() <= 2);
      for (JsonNode h : g.get("hits")) {
        assertEquals(g.get("key").asText(), h.get("transcript").get("meeting_id").asText());
      }
    }
    assertEquals(1, groups.get(0).get("rank").asInt());
    assertTrue(all.json().get("candidates").asInt() >= 2);
    assertTrue(all.json().get("cursor").isNull(), "both meetings fit on one page of 5 groups");
    assertEquals(Set.of(SYNC), keys(search(body, "group:eng").json().get("groups")));
    assertEquals(Set.of(SYNC, PRICING), keys(search(body, "group:finance").json().get("groups")));
  }

  /** One group per page: the cursor walks the meetings in rank order, each once, as the caller may see them. */
  @Test
  @Order(1)
  void groupedResultsPageWithACursor() {
    String body = "{\"query\": \"API rate limit for enterprise keys\", \"k\": 1, \"group_by\": \"meeting\", "
        + "\"per_group\": 2, \"filters\": {\"type\": \"transcript\"}}";
    var first = search(body);
    assertEquals(200, first.status(), first.toString());
    assertEquals(1, first.json().get("groups").size());
    assertEquals(0, first.json().get("offset").asInt());
    String cursor = first.json().get("cursor").asText();
    var second = api.post(C + "/search", "{\"cursor\": \"" + cursor + "\"}");
    assertEquals(200, second.status(), second.toString());
    assertEquals(1, second.json().get("offset").asInt());
    assertEquals(2, second.json().get("groups").get(0).get("rank").asInt());
    assertTrue(second.json().get("cursor").isNull(), "two meetings, two pages");
    Set<String> walked = new TreeSet<>(keys(first.json().get("groups")));
    walked.addAll(keys(second.json().get("groups")));
    assertEquals(Set.of(SYNC, PRICING), walked);
    assertEquals(keys(search(body.replace("\"k\": 1", "\"k\": 5")).json().get("groups")), walked,
        "the pages hold what one big page holds");

    var eng = search(body, "group:eng");
    assertEquals(Set.of(SYNC), keys(eng.json().get("groups")));
    assertTrue(eng.json().get("cursor").isNull(), "group:eng sees one meeting: no second page");

    var both = api.call("POST", C + "/search", "{\"cursor\": \"" + cursor + "\", \"group_by\": \"meeting\"}", Map.of());
    assertEquals(400, both.status());
    assertTrue(both.body().contains("send the cursor alone"), both.body());
    var multi = api.call("POST", C + "/multi_search", "{\"cursor\": \"" + cursor + "\"}", Map.of());
    assertEquals(400, multi.status(), "a grouped search cursor is not a multi_search cursor");
  }

  @Test
  @Order(1)
  void multiSearchTakesPerQueryTranscriptFiltersAndGroups() {
    String body = "{\"queries\": [{\"query\": \"enterprise price per seat\", \"filters\": {\"meeting_id\": \""
        + PRICING + "\"}}, {\"query\": \"who takes on-call in April\", \"filters\": {\"speaker\": \"tom\"}}], "
        + "\"k\": 5, \"filters\": {\"type\": \"transcript\"}}";
    var flat = api.post(C + "/multi_search", body);
    assertEquals(200, flat.status(), flat.toString());
    for (JsonNode h : flat.json().get("results")) {
      int q = h.get("matched").get(0).get("query_index").asInt();
      assertEquals(q == 0 ? PRICING : SYNC, h.get("transcript").get("meeting_id").asText(), h.toString());
    }
    var grouped = api.post(C + "/multi_search", body.replace("\"k\": 5", "\"k\": 5, \"group_by\": \"meeting\""));
    assertEquals(200, grouped.status(), grouped.toString());
    assertEquals(Set.of(SYNC, PRICING), keys(grouped.json().get("groups")));
    var hidden = api.call("POST", C + "/multi_search", body.replace("\"k\": 5", "\"k\": 5, \"group_by\": \"meeting\""),
        Map.of("X-Trawl-Principals", "group:eng"));
    assertEquals(Set.of(SYNC), keys(hidden.json().get("groups")));
  }

  private static Set<String> keys(JsonNode groups) {
    Set<String> keys = new TreeSet<>();
    groups.forEach(g -> keys.add(g.get("key").asText()));
    return keys;
  }

  @Test
  @Order(1)
  void contextReturnsTheTurnsAroundAHitAndHidesWhatTheCallerMayNotSee() {
    var r = context(SYNC + "#c1", "?before=2&after=1");
    assertEquals(200, r.status(), r.toString());
    JsonNode w = r.json();
    assertEquals(SYNC + "#c1", w.get("chunk_id").asText());
    assertEquals("Weekly platform sync", w.get("title").asText());
    assertEquals("2026-03-04", w.get("date").asText());
    assertTrue(w.get("more_before").asBoolean());
    JsonNode turns = w.get("turns");
    assertFalse(turns.get(0).get("in_chunk").asBoolean());
    assertFalse(turns.get(1).get("in_chunk").asBoolean());
    assertTrue(turns.get(2).get("in_chunk").asBoolean());
    int last = -1;
    for (JsonNode t : turns) {
      assertTrue(t.get("index").asInt() > last);
      last = t.get("index").asInt();
      assertTrue(t.get("start").isNumber(), t.toString());
      assertTrue(t.get("line").asText().matches(LINE), t.get("line").asText());
      assertTrue(t.get("line").asText().endsWith(t.get("text").asText()));
    }
    assertEquals(200, context(SYNC + "#c0#0", "").status(), "a passage id works too");

    assertEquals(404, context(PRICING + "#c0", "", "group:eng").status());
    assertEquals("chunk_not_found", context(PRICING + "#c0", "", "group:eng").errorCode());
    assertEquals(200, context(PRICING + "#c0", "", "group:finance").status());
    assertEquals(404, context(SYNC + "#c99", "").status());
    String missing = context(SYNC + "#c99", "").json().get("error").get("message").asText();
    assertTrue(missing.contains("meeting '" + SYNC + "' has the chunks " + SYNC + "#c0, " + SYNC + "#c1"), missing);
    String hidden = context(PRICING + "#c9", "", "group:eng").json().get("error").get("message").asText();
    assertFalse(hidden.contains(PRICING + "#c0"), "chunks of a meeting the caller cannot see are not listed: " + hidden);
    assertTrue(context(PRICING + "#c9", "", "group:finance").json().get("error").get("message").asText()
        .contains(PRICING + "#c0"));
  }

  @Test
  @Order(2)
  void reingestingAMeetingReplacesAllItsChunks() {
    String full = Fixtures.read("platform-sync.txt");
    int before = api.get(C).json().get("documents").asInt();
    var first = ingest(SYNC, "Weekly platform sync", "2026-03-04", full, List.of());
    assertEquals(200, first.status());
    assertTrue(first.json().get("removed_chunks").isEmpty(), "the same text replaces chunk for chunk");
    assertEquals(before, api.get(C).json().get("documents").asInt());

    String shorter = full.substring(0, full.indexOf("[00:01:40]"));
    var second = ingest(SYNC, "Weekly platform sync (short)", "2026-03-04", shorter, List.of());
    assertEquals(200, second.status(), second.toString());
    int chunks = second.json().get("chunks").asInt();
    JsonNode removed = second.json().get("removed_chunks");
    assertEquals(first.json().get("chunks").asInt() - chunks, removed.size());
    assertTrue(removed.size() >= 1, second.toString());
    assertEquals(before - removed.size(), api.get(C).json().get("documents").asInt());
    String gone = removed.get(0).asText();
    assertEquals(404, api.get(C + "/documents/" + URLEncoder.encode(gone, StandardCharsets.UTF_8)).status());
    assertEquals(404, context(gone, "").status());
    var hits = search("{\"query\": \"migration rate limits on-call\", \"k\": 50, \"filters\": {\"meeting_id\": \""
        + SYNC + "\"}}").json().get("hits");
    Set<String> current = new HashSet<>();
    second.json().get("chunk_ids").forEach(id -> current.add(id.asText()));
    for (JsonNode h : hits) {
      assertTrue(current.contains(h.get("id").asText()), h.get("id") + " is not a chunk of the new version");
      assertEquals("Weekly platform sync (short)", h.get("title").asText());
    }
  }

  @Test
  @Order(3)
  void aMalformedTranscriptIsRejectedWholeNamingItsLine() {
    int before = api.get(C).json().get("documents").asInt();
    String bad = Fixtures.read("pricing-committee.txt").replace("[00:01:12] Marco Bellini: Okay.", "[00:01:12] Okay.");
    var r = ingest("pricing-bad", "Pricing committee", "2026-03-12", bad, List.of());
    assertEquals(400, r.status(), r.toString());
    assertEquals("malformed_input", r.errorCode());
    JsonNode error = r.json().get("error");
    assertTrue(error.get("message").asText().contains("line 9"), r.toString());
    assertEquals(1, error.get("details").get("bad_lines").asInt());
    assertEquals(9, error.get("details").get("lines").get(0).get("line").asInt());
    assertEquals(before, api.get(C).json().get("documents").asInt(), "nothing was indexed");
    assertEquals(0, search("{\"query\": \"pricing\", \"filters\": {\"meeting_id\": \"pricing-bad\"}}").json()
        .get("hits").size());
  }

  @Test
  @Order(4)
  void deletingAMeetingRemovesEveryChunkAndOnlyThem() {
    String other = "retro-2026-03-20";
    var kept = ingest(SYNC, "Weekly platform sync", "2026-03-04", Fixtures.read("platform-sync.txt"), List.of());
    assertEquals(200, kept.status(), kept.toString());
    var doomed = ingest(other, "Retro", "2026-03-20", Fixtures.read("platform-sync.txt"), List.of());
    assertEquals(200, doomed.status(), doomed.toString());
    int before = api.get(C).json().get("documents").asInt();

    var r = api.call("DELETE", C + "/transcripts/" + other, null, Map.of());
    assertEquals(200, r.status(), r.toString());
    assertEquals(other, r.json().get("meeting_id").asText());
    assertTrue(r.json().get("durable").asBoolean());
    Set<String> deleted = new HashSet<>();
    r.json().get("deleted_chunks").forEach(id -> deleted.add(id.asText()));
    Set<String> ingested = new HashSet<>();
    doomed.json().get("chunk_ids").forEach(id -> ingested.add(id.asText()));
    assertEquals(ingested, deleted, "every chunk of the meeting, nothing else");
    assertEquals(before - deleted.size(), api.get(C).json().get("documents").asInt());
    assertEquals(0, search("{\"query\": \"migration rate limits\", \"filters\": {\"meeting_id\": \"" + other
        + "\"}}").json().get("hits").size());
    assertTrue(search("{\"query\": \"migration rate limits\", \"filters\": {\"meeting_id\": \"" + SYNC
        + "\"}}").json().get("hits").size() > 0, "the other meeting is untouched");

    var again = api.call("DELETE", C + "/transcripts/" + other, null, Map.of());
    assertEquals(404, again.status(), again.toString());
    assertEquals("meeting_not_found", again.errorCode());
    assertEquals("collection_not_found",
        api.call("DELETE", "/v1/collections/nowhere/transcripts/" + other, null, Map.of()).errorCode());
  }
}
