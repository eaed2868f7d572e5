package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.api.cli.CliRun;
import dev.trawl.indexer.transcript.Fixtures;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's {@code --json} output has the HTTP API's shape: the same search (plain, with
 * notices, grouped, fanned out) and the same context window, asked over HTTP and then through the
 * CLI on the same data folder, print the same JSON at every depth, apart from {@code took_ms},
 * the cursor (a CLI run cannot be paged) and the CLI's own leading fields ({@link #CLI_EXTRAS}); a
 * transcript ingest of another meeting has the same field names. A field renamed or reshaped on
 * either side fails here.
 */
class CliJsonParityIT {
  /** Top-level fields only the command line prints (what it ran, and which reranker ordered the hits). */
  private static final Set<String> CLI_EXTRAS = Set.of("query", "queries", "mode", "reranker");

  @TempDir Path data;

  @Test
  void everyJsonOutputHasTheShapeOfItsHttpResponse(@TempDir Path work) throws Exception {
    String transcript = Fixtures.read("platform-sync.txt");
    Map<String, JsonNode> http = new LinkedHashMap<>();
    Vertx vertx = Vertx.vertx();
    try (ApiTestServer api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig())) {
      assertEquals(201, api.post("/v1/collections", "{\"name\": \"meetings\"}").status());
      ObjectNode body = ApiTestServer.JSON.createObjectNode().put("meeting_id", "sync").put("content", transcript);
      http.put("ingest", ok(api.post("/v1/collections/meetings/transcripts", body.toString())));
      String sample = "/v1/collections/sample";
      http.put("search", ok(api.post(sample + "/search", "{\"query\": \"rate limits\", \"k\": 3}")));
      http.put("empty", ok(api.post(sample + "/search",
          "{\"query\": \"rate limits\", \"filters\": {\"type\": \"runbooks\"}}")));
      http.put("fan-out", ok(api.post(sample + "/multi_search",
          "{\"queries\": [\"rate limits\", \"database failover\"], \"k\": 4}")));
      http.put("grouped", ok(api.post("/v1/collections/meetings/search",
          "{\"query\": \"migration cutover\", \"group_by\": \"meeting\", \"k\": 2}")));
      http.put("ungrouped", ok(api.post(sample + "/search",
          "{\"query\": \"rate limits\", \"group_by\": \"meetings\", \"k\": 2}")));
      http.put("context", ok(api.get("/v1/collections/meetings/transcripts/chunks/sync%23c1/context?before=1"
          + "&after=1")));
    } finally {
      vertx.close().await();
    }

    Map<String, JsonNode> cli = new LinkedHashMap<>();
    Path file = Files.writeString(work.resolve("sync.txt"), transcript);
    cli.put("ingest", null); // last: a second meeting would change the searches' statistics
    cli.put("search", cli("search", "rate limits", "-c", "sample", "-k", "3"));
    cli.put("empty", cli("search", "rate limits", "-c", "sample", "--filter", "type=runbooks"));
    cli.put("fan-out", cli("search", "rate limits", "database failover", "-c", "sample", "-k", "4"));
    cli.put("grouped", cli("search", "migration cutover", "-c", "meetings", "--group-by", "meeting", "-k", "2"));
    cli.put("ungrouped", cli("search", "rate limits", "-c", "sample", "--group-by", "meetings", "-k", "2"));
    cli.put("context", cli("context", "sync#c1", "-c", "meetings", "--before", "1", "--after", "1"));
    cli.put("ingest", cli("ingest-transcript", file.toString(), "--meeting-id", "sync-copy", "-c", "meetings"));

    assertTrue(http.get("empty").has("notices") && http.get("ungrouped").has("notices"),
        "the comparison covers notices: " + http);
    assertTrue(http.get("search").path("hits").get(0).has("retrievers"), "and hits: " + http.get("search"));
    for (String name : http.keySet()) {
      JsonNode h = http.get(name);
      JsonNode c = withoutExtras(cli.get(name));
      assertEquals(paths(h, ""), paths(c, ""), name + ": field names differ\nhttp: " + h + "\ncli:  " + c);
      if (!name.equals("ingest")) {
        assertEquals(comparable(h), comparable(c), name + ": values differ\nhttp: " + h + "\ncli:  " + c);
      }
    }
    assertEquals("rate limits", cli.get("search").path("query").asText());
    assertEquals(List.of("rate limits", "database failover"),
        ApiTestServer.JSON.convertValue(cli.get("fan-out").path("queries"), List.class));
  }

  private static JsonNode ok(ApiTestServer.Reply r) {
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  /** One CLI run with {@code --json} on {@link #data}, the embedder the test server uses; its output parsed. */
  private JsonNode cli(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--json", "--embedder", "hashing", "--data", data.toString()));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertEquals(0, run.code(), run.both());
    assertEquals(1, run.out().lines().count(), "one line of JSON: " + run.both());
    return ApiTestServer.JSON.readTree(run.out());
  }

  /** The CLI's output less its own top-level fields. */
  private static JsonNode withoutExtras(JsonNode cli) {
    ObjectNode copy = ((ObjectNode) cli).deepCopy();
    copy.remove(CLI_EXTRAS);
    return copy;
  }

  /** The fields that must be equal on both sides: all but the time taken and the cursor. */
  private static JsonNode comparable(JsonNode response) {
    ObjectNode copy = ((ObjectNode) response).deepCopy();
    copy.remove(List.of("took_ms", "cursor"));
    return copy;
  }

  /** Every field's path, e.g. {@code .hits[].retrievers.lexical.rank}. */
  private static Set<String> paths(JsonNode node, String at) {
    Set<String> out = new TreeSet<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        out.add(at + "." + e.getKey());
        out.addAll(paths(e.getValue(), at + "." + e.getKey()));
      });
    } else if (node.isArray()) {
      node.forEach(item -> out.addAll(paths(item, at + "[]")));
    }
    return out;
  }
}
