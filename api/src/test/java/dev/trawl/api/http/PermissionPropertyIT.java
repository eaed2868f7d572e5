package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.testing.SeededRandomExtension;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property tests of document-level permissions over real HTTP: a seeded random corpus with
 * random ACLs, random callers, queries and modes. Each document carries a unique secret word in
 * its title and text, so a response leaks a document exactly when it contains the secret of one
 * the caller may not see: that one scan covers hits, snippets, titles, metadata, fetches, later
 * cursor pages and MCP results. Meeting transcripts with random ACLs are ingested too (their
 * secret is the meeting title, which every chunk carries), and exercised through grouped
 * searches and fetch-with-context, where an invisible chunk must answer 404 like a missing one.
 * Counts ({@code total}, {@code per_query}) are bounded by what the caller may see. Replay a
 * failure with {@code -Dtests.seed=...}.
 */
@ExtendWith(SeededRandomExtension.class)
class PermissionPropertyIT {
  private static final String C = "/v1/collections/perm";
  private static final int DOCS = 240;
  private static final int MEETINGS = 8;
  private static final List<String> PRINCIPALS = List.of("user:ann", "user:bob", "user:cy", "group:eng",
      "group:hr", "group:ops", "group:legal", "group:rare");
  private static final List<String> WORDS = List.of("harbour", "ferry", "timetable", "engine", "salary", "review",
      "incident", "database", "failover", "budget", "contract", "holiday", "laptop", "network", "printer",
      "invoice", "garden", "tunnel", "bridge", "signal");
  private static final String[] MODES = {"lexical", "vector", "hybrid"};

  private static Vertx vertx;
  private static ApiTestServer api;
  private static final Map<String, Set<String>> ACL = new HashMap<>();
  private static final Map<String, String> SECRET = new HashMap<>();
  private static final List<String> IDS = new ArrayList<>();
  /** Transcript chunk ids (also in {@link #IDS}). */
  private static final List<String> CHUNKS = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path data, Random random) throws Exception {
    vertx = Vertx.vertx();
    api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig().withBodyLimit(4 * 1024 * 1024));
    assertEquals(201, api.post("/v1/collections", "{\"name\": \"perm\"}").status());
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < DOCS; i++) {
      String id = "d" + i;
      String secret = "kw" + letters(i);
      Set<String> acl = new LinkedHashSet<>();
      double r = random.nextDouble();
      if (r < 0.15) {
        acl.add("*");
      } else if (r < 0.20) {
        acl.add("group:rare"); // a selective principal: ~5% of documents
      } else {
        int n = 1 + random.nextInt(2);
        while (acl.size() < n) {
          acl.add(PRINCIPALS.get(random.nextInt(PRINCIPALS.size() - 1)));
        }
      }
      ACL.put(id, acl);
      SECRET.put(id, secret);
      IDS.add(id);
      StringBuilder text = new StringBuilder(secret);
      int words = 6 + random.nextInt(30);
      for (int w = 0; w < words; w++) {
        text.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
      }
      ObjectNode line = ApiTestServer.JSON.createObjectNode().put("id", id).put("title", "note " + secret)
          .put("text", text.toString());
      line.putObject("metadata").put("team", random.nextBoolean() ? "a" : "b");
      ArrayNode a = line.putArray("acl");
      acl.forEach(a::add);
      bulk.append(line).append('\n');
    }
    var r = api.call("POST", C + "/documents:bulk", bulk.toString(), Map.of("Content-Type", "application/x-ndjson"));
    assertEquals(200, r.status(), r.toString());
    assertEquals(DOCS, r.json().path("upserted").asInt(), r.toString());
    for (int m = 0; m < MEETINGS; m++) {
      ingestMeeting(m, random);
    }
  }

  /** A meeting of random turns whose title holds its secret, with an ACL drawn like the documents'. */
  private static void ingestMeeting(int m, Random random) {
    String secret = "kw" + letters(DOCS + m);
    Set<String> acl = new LinkedHashSet<>();
    if (random.nextInt(4) == 0) {
      acl.add("*");
    } else {
      acl.add(PRINCIPALS.get(random.nextInt(PRINCIPALS.size())));
    }
    StringBuilder content = new StringBuilder();
    int turns = 8 + random.nextInt(20);
    for (int t = 0; t < turns; t++) {
      content.append(String.format("[00:%02d:%02d] %s:", t / 6, (t % 6) * 10, random.nextBoolean() ? "Ann Berg"
          : "Bob Chen"));
      int words = 5 + random.nextInt(25);
      for (int w = 0; w < words; w++) {
        content.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
      }
      content.append(".\n");
    }
    ObjectNode body = ApiTestServer.JSON.createObjectNode().put("meeting_id", "meeting-" + m)
        .put("title", "meeting " + secret).put("date", "2026-03-" + (10 + m)).put("content", content.toString());
    ArrayNode a = body.putArray("acl");
    acl.stream().filter(p -> !p.equals("*")).forEach(a::add);
    var r = api.post(C + "/transcripts", body.toString());
    assertEquals(200, r.status(), r.toString());
    for (JsonNode id : r.json().path("chunk_ids")) {
      ACL.put(id.asText(), acl);
      SECRET.put(id.asText(), secret);
      IDS.add(id.asText());
      CHUNKS.add(id.asText());
    }
  }

  private static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  private static String letters(int i) {
    StringBuilder s = new StringBuilder();
    for (int d = 0; d < 4; d++) {
      s.append((char) ('a' + i % 26));
      i /= 26;
    }
    return s.toString();
  }

  /** A random caller: a few principals, sometimes none (public only), sometimes just the rare group. */
  private static Set<String> caller(Random random) {
    Set<String> p = new LinkedHashSet<>();
    double r = random.nextDouble();
    if (r < 0.15) {
      return p;
    }
    if (r < 0.35) {
      p.add("group:rare");
      return p;
    }
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      p.add(PRINCIPALS.get(random.nextInt(PRINCIPALS.size())));
    }
    return p;
  }

  private static boolean visible(String id, Set<String> principals) {
    for (String a : ACL.get(id)) {
      if (a.equals("*") || principals.contains(a)) {
        return true;
      }
    }
    return false;
  }

  private static String query(Random random) {
    if (random.nextInt(4) == 0) {
      return SECRET.get(IDS.get(random.nextInt(IDS.size()))); // aim straight at one document
    }
    StringBuilder q = new StringBuilder();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      q.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return q.toString();
  }

  private static Map<String, String> headers(Set<String> principals) {
    return Map.of("X-Trawl-Principals", String.join(",", principals));
  }

  /** Counts checks and fails on the first leak with enough to reproduce it. */
  private static final class Checker {
    long checks;

    void noSecretLeaks(String body, Set<String> principals, String what) {
      for (String id : IDS) {
        if (!visible(id, principals) && body.contains(SECRET.get(id))) {
          throw new AssertionError(what + " leaked " + id + " (acl " + ACL.get(id) + ") to " + principals + ": " + body);
        }
      }
      checks++;
    }

    void visibleHits(JsonNode hits, Set<String> principals, String what) {
      for (JsonNode h : hits) {
        String id = h.path("id").asText();
        assertTrue(visible(id, principals), () -> what + " returned " + id + " to " + principals);
        checks++;
      }
    }

    void atMost(int count, int bound, String what) {
      assertTrue(count <= bound, () -> what + ": " + count + " > " + bound + " visible documents");
      checks++;
    }
  }

  @Test
  void nothingInvisibleEverReachesACaller(Random random) {
    Checker check = new Checker();
    int requests = 0;
    while (check.checks < 12_000 && requests < 5_000) {
      Set<String> principals = caller(random);
      int visibleCount = (int) IDS.stream().filter(id -> visible(id, principals)).count();
      String mode = MODES[random.nextInt(MODES.length)];
      int k = 1 + random.nextInt(12);
      String what;
      ApiTestServer.Reply r;
      switch (random.nextInt(6)) {
        case 0, 1 -> {
          ObjectNode body = ApiTestServer.JSON.createObjectNode().put("query", query(random)).put("k", k)
              .put("mode", mode);
          if (random.nextInt(5) == 0) {
            body.putObject("filters").put(random.nextBoolean() ? "team" : "acl",
                random.nextBoolean() ? "a" : PRINCIPALS.get(random.nextInt(PRINCIPALS.size())));
          } else if (random.nextInt(5) == 0) {
            body.putObject("filters").put("speaker", random.nextBoolean() ? "ann" : "Bob Chen");
          }
          if (random.nextInt(5) == 0) {
            body.put("group_by", "meeting").put("per_group", 1 + random.nextInt(3));
            what = "grouped search " + body;
            r = api.call("POST", C + "/search", body.toString(), headers(principals));
            requests++;
            assertEquals(200, r.status(), () -> what + " " + principals);
            check.noSecretLeaks(r.body(), principals, what);
            for (JsonNode g : r.json().path("groups")) {
              check.visibleHits(g.path("hits"), principals, what);
            }
            check.atMost(r.json().path("candidates").asInt(), visibleCount, what + " candidates");
            for (int page = 0; page < 3 && r.json().hasNonNull("cursor"); page++) {
              String cursor = r.json().get("cursor").asText();
              r = api.call("POST", C + "/search", "{\"cursor\": \"" + cursor + "\"}", headers(principals));
              requests++;
              assertEquals(200, r.status(), () -> what + " next page of groups");
              check.noSecretLeaks(r.body(), principals, what + " next page of groups");
              for (JsonNode g : r.json().path("groups")) {
                check.visibleHits(g.path("hits"), principals, what + " next page of groups");
              }
            }
            break;
          }
          what = "search " + body;
          r = api.call("POST", C + "/search", body.toString(), headers(principals));
          requests++;
          assertEquals(200, r.status(), () -> what + " " + principals);
          check.noSecretLeaks(r.body(), principals, what);
          check.visibleHits(r.json().path("hits"), principals, what);
          check.atMost(r.json().path("total").asInt(), visibleCount, what + " total");
          for (int page = 0; page < 3 && r.json().hasNonNull("cursor"); page++) {
            String cursor = r.json().get("cursor").asText();
            r = api.call("POST", C + "/search", "{\"cursor\": \"" + cursor + "\", \"k\": " + k + "}",
                headers(principals));
            requests++;
            assertEquals(200, r.status(), () -> what + " next page");
            check.noSecretLeaks(r.body(), principals, what + " page");
            check.visibleHits(r.json().path("hits"), principals, what + " page");
          }
        }
        case 2 -> {
          ObjectNode body = ApiTestServer.JSON.createObjectNode().put("k", k).put("mode", mode);
          ArrayNode qs = body.putArray("queries");
          int n = 1 + random.nextInt(4);
          for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
              ObjectNode sub = qs.addObject().put("query", query(random));
              sub.putObject("filters").put("team", random.nextBoolean() ? "a" : "b");
            } else {
              qs.add(query(random));
            }
          }
          what = "multi_search " + body;
          r = api.call("POST", C + "/multi_search", body.toString(), headers(principals));
          requests++;
          assertEquals(200, r.status(), () -> what + " " + principals);
          check.noSecretLeaks(r.body(), principals, what);
          check.visibleHits(r.json().path("results"), principals, what);
          check.atMost(r.json().path("total").asInt(), visibleCount, what + " total");
          for (JsonNode pq : r.json().path("per_query")) {
            check.atMost(pq.path("hits").asInt(), visibleCount, what + " per_query hits");
          }
          if (r.json().hasNonNull("cursor")) {
            var next = api.call("POST", C + "/multi_search", "{\"cursor\": \"" + r.json().get("cursor").asText()
                + "\"}", headers(principals));
            requests++;
            assertEquals(200, next.status(), () -> what + " next page " + next);
            check.noSecretLeaks(next.body(), principals, what + " page");
            check.visibleHits(next.json().path("results"), principals, what + " page");
          }
        }
        case 3 -> {
          String id = random.nextInt(10) == 0 ? "missing" + random.nextInt(5) : IDS.get(random.nextInt(IDS.size()));
          String path = C + "/documents/" + encode(id) + (random.nextBoolean() ? "" : "?passage=0");
          r = api.call("GET", path, null, headers(principals));
          requests++;
          boolean shouldSee = ACL.containsKey(id) && visible(id, principals);
          what = "GET " + path;
          assertEquals(shouldSee ? 200 : 404, r.status(), () -> what + " as " + principals);
          if (!shouldSee) {
            assertTrue(r.body().contains("\"not_found\"") || r.body().contains("document_not_found"),
                () -> "an invisible document answers like a missing one: " + what);
          }
          check.noSecretLeaks(r.body(), principals, what);
        }
        case 4 -> {
          String id = random.nextInt(10) == 0 ? "meeting-" + random.nextInt(MEETINGS) + "#c99"
              : CHUNKS.get(random.nextInt(CHUNKS.size()));
          String path = C + "/transcripts/chunks/" + encode(id) + "/context?before=" + random.nextInt(30) + "&after="
              + random.nextInt(30);
          r = api.call("GET", path, null, headers(principals));
          requests++;
          boolean shouldSee = ACL.containsKey(id) && visible(id, principals);
          what = "GET " + path;
          assertEquals(shouldSee ? 200 : 404, r.status(), () -> what + " as " + principals);
          if (!shouldSee) {
            assertTrue(r.body().contains("chunk_not_found"), () -> "an invisible chunk answers like a missing one: "
                + what);
          }
          check.noSecretLeaks(r.body(), principals, what);
        }
        default -> {
          ObjectNode msg = ApiTestServer.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", requests)
              .put("method", "tools/call");
          ObjectNode params = msg.putObject("params");
          ObjectNode args = params.putObject("arguments").put("collection", "perm");
          switch (random.nextInt(4)) {
            case 0 -> {
              params.put("name", "search");
              args.put("query", query(random)).put("k", k);
              if (random.nextBoolean()) {
                args.put("group_by", "meeting");
              }
            }
            case 3 -> {
              params.put("name", "fetch_transcript_context");
              args.put("id", CHUNKS.get(random.nextInt(CHUNKS.size())));
            }
            case 1 -> {
              params.put("name", "multi_search");
              ArrayNode qs = args.putArray("queries");
              qs.add(query(random));
              qs.add(query(random));
            }
            default -> {
              params.put("name", "fetch_document");
              args.put("id", IDS.get(random.nextInt(IDS.size())));
            }
          }
          what = "MCP " + msg;
          r = api.call("POST", "/mcp", msg.toString(), headers(principals));
          requests++;
          var mcpReply = r;
          assertEquals(200, r.status(), () -> what + " " + mcpReply);
          check.noSecretLeaks(r.body(), principals, what);
        }
      }
    }
    System.out.printf("PermissionPropertyIT: %d checks over %d HTTP requests (seed 0x%X)%n", check.checks, requests,
        SeededRandomExtension.masterSeed());
    assertTrue(check.checks >= 10_000, "only " + check.checks + " checks");
  }

  /**
   * Filtering must not lose documents: every visible document that an unrestricted search ranks
   * in the top K (post-filtered by the ACL) is in the caller's own top K, up to score ties at
   * the cut-off. Selective callers (5% of documents) exercise the vector retriever's exact path.
   */
  @Test
  void filteringKeepsTheBestVisibleDocuments(Random random) {
    int compared = 0;
    for (int round = 0; round < 150; round++) {
      Set<String> principals = caller(random);
      String mode = random.nextBoolean() ? "lexical" : "vector";
      int k = 1 + random.nextInt(10);
      String q = query(random);
      String body = "{\"query\": \"" + q + "\", \"k\": %d, \"mode\": \"" + mode + "\"}";
      var all = api.call("POST", C + "/search", body.formatted(IDS.size()), Map.of());
      var mine = api.call("POST", C + "/search", body.formatted(k), headers(principals));
      assertEquals(200, all.status(), all.toString());
      assertEquals(200, mine.status(), mine.toString());
      List<JsonNode> expected = new ArrayList<>();
      for (JsonNode h : all.json().path("hits")) {
        if (visible(h.path("id").asText(), principals) && expected.size() < k) {
          expected.add(h);
        }
      }
      Set<String> got = new HashSet<>();
      double lowest = Double.POSITIVE_INFINITY;
      for (JsonNode h : mine.json().path("hits")) {
        got.add(h.path("id").asText());
        lowest = Math.min(lowest, h.path("score").asDouble());
      }
      assertEquals(expected.size(), got.size(), () -> mode + " '" + q + "' k=" + k + " as " + principals
          + ": expected " + expected.size() + " hits, got " + mine.body());
      for (JsonNode e : expected) {
        String id = e.path("id").asText();
        double score = e.path("score").asDouble();
        double cut = lowest;
        assertTrue(got.contains(id) || Math.abs(score - cut) <= 1e-4 * Math.max(1, Math.abs(cut)),
            () -> mode + " '" + q + "' k=" + k + " as " + principals + " lost " + id + " (score " + score
                + ", cut-off " + cut + "): " + mine.body());
        compared++;
      }
    }
    System.out.printf("PermissionPropertyIT: %d visible top-K documents compared%n", compared);
  }
}
