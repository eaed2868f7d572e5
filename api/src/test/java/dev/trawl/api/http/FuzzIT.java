package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.testing.SeededRandomExtension;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of valid requests to every endpoint: no response may be a 5xx, every error
 * must be a JSON error body, and the server must stay healthy. The default run sends 1,000
 * requests; {@code -Dtrawl.fuzz.requests=N} sends more (see docs/RELIABILITY.md). Replay with
 * {@code -Dtests.seed=...}.
 */
@ExtendWith(SeededRandomExtension.class)
class FuzzIT {
  private static final int REQUESTS = Integer.getInteger("trawl.fuzz.requests", 1_000);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private record Request(String method, String path, Object body, Map<String, String> headers) {}

  @Test
  void mutatedRequestsNeverGetA5xx(@TempDir Path data, Random random) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ApiTestServer api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig())) {
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (int i = 0; i < REQUESTS; i++) {
        Request r = mutate(valid(random, i), random);
        var reply = api.call(r.method(), r.path(), r.body(), r.headers());
        statuses.merge(reply.status(), 1, Integer::sum);
        String shown = r.method() + " " + r.path() + " " + (r.body() instanceof byte[] b
            ? new String(b, StandardCharsets.UTF_8) : r.body());
        assertTrue(reply.status() < 500, () -> "5xx for " + shown + ": " + reply);
        if (reply.status() >= 400 && !r.path().equals("/mcp")) {
          assertTrue(reply.json().path("error").path("code").isTextual(), () -> "no JSON error for " + shown
              + ": " + reply);
        }
      }
      System.out.printf("FuzzIT: %d mutated requests, statuses %s (seed 0x%X)%n", REQUESTS, statuses,
          SeededRandomExtension.masterSeed());
      assertEquals(200, api.get("/health").status());
      assertEquals(200, api.post("/v1/collections/sample/search", "{\"query\": \"database failover\"}").status());
    } finally {
      vertx.close().await();
    }
  }

  private static Request valid(Random random, int i) {
    String c = "/v1/collections/sample";
    ObjectNode body = F.objectNode();
    // Writes wait for a durable commit (tens of ms each), so they are a small share of the mix.
    return switch (random.nextInt(20)) {
      case 0, 1, 2, 3, 4, 5 -> {
        body.put("query", "database failover").put("k", 5).put("mode", pick(random, "lexical", "vector", "hybrid"));
        body.putObject("filters").put("type", "runbook");
        body.putObject("snippet").put("max_tokens", 40);
        yield new Request("POST", c + "/search", body, Map.of());
      }
      case 6, 7, 8, 9, 10, 11 -> {
        body.putArray("queries").add("disk full").add(F.objectNode().put("query", "on-call").put("k", 3));
        body.put("k", 5).put("token_budget", 300).put("dedupe", true);
        yield new Request("POST", c + "/multi_search", body, Map.of());
      }
      case 12, 13, 14 -> new Request("GET", c + "/documents/runbook-db-failover" + (random.nextBoolean() ? "?passage=0" : ""),
          null, Map.of("X-Trawl-Principals", "group:eng"));
      case 15 -> {
        body.put("title", "fuzz " + i).put("text", "fuzzed text " + i).putObject("metadata").put("type", "note");
        body.putArray("acl").add("group:eng");
        yield new Request("PUT", c + "/documents/fuzz-" + (i % 20), body, Map.of());
      }
      case 16 -> new Request("POST", c + "/documents:bulk", "{\"id\": \"fb-" + i + "\", \"text\": \"bulk " + i
          + "\"}\n{\"id\": \"fc-" + i + "\", \"title\": \"t\", \"text\": \"x\"}\n",
          Map.of("Content-Type", "application/x-ndjson"));
      case 17, 18 -> {
        body.put("jsonrpc", "2.0").put("id", i).put("method", "tools/call");
        ObjectNode p = body.putObject("params").put("name", pick(random, "search", "multi_search", "fetch_document"));
        ObjectNode a = p.putObject("arguments").put("query", "database").put("id", "runbook-db-failover");
        a.putArray("queries").add("disk").add("pager");
        yield new Request("POST", "/mcp", body, Map.of());
      }
      default -> {
        body.put("name", "fuzz-" + random.nextInt(3));
        yield new Request("POST", "/v1/collections", body, Map.of());
      }
    };
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }

  /** One to three mutations of the JSON tree, its text, its bytes, its path or its headers. */
  private static Request mutate(Request r, Random random) {
    Object body = r.body();
    String path = r.path();
    Map<String, String> headers = new java.util.HashMap<>(r.headers());
    int n = 1 + random.nextInt(3);
    for (int m = 0; m < n; m++) {
      switch (random.nextInt(8)) {
        case 0, 1, 2 -> {
          if (body instanceof JsonNode json) {
            body = mutateTree(json.deepCopy(), random);
          }
        }
        case 3 -> { // text: truncate, duplicate a slice, or splice in syntax
          String s = text(body);
          if (!s.isEmpty()) {
            int at = random.nextInt(s.length());
            body = switch (random.nextInt(3)) {
              case 0 -> s.substring(0, at);
              case 1 -> s.substring(0, at) + s.substring(at / 2);
              default -> s.substring(0, at) + pick(random, "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u00",
                  "\u0000", "NaN", "-Infinity", "1e999999", "\ud800", "null") + s.substring(at);
            };
          }
        }
        case 4 -> { // bytes: flip some
          byte[] b = text(body).getBytes(StandardCharsets.UTF_8);
          for (int k = 0; b.length > 0 && k < 1 + random.nextInt(4); k++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
          }
          body = b;
        }
        case 5 -> path = path.replaceFirst("sample", pick(random, "nope", "..", "..%2F..", "Sample", "s%00",
            "a".repeat(70), "%FF%FE", "sample%2Fx", "", "%2e%2e"));
        case 6 -> headers.put(pick(random, "Content-Type", "X-Trawl-Principals", "Authorization"),
            pick(random, "text/plain", "application/x-ndjson", "", ",,,", "a".repeat(300), "group:eng, *", "Bearer x"));
        default -> body = random.nextInt(4) == 0 ? null : body;
      }
    }
    if (body instanceof JsonNode json) {
      body = json.toString();
    }
    return new Request(r.method(), path, body, headers);
  }

  private static String text(Object body) {
    return body == null ? "" : body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : body.toString();
  }

  private static JsonNode mutateTree(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNode value = randomValue(random);
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty() || random.nextInt(4) == 0) {
        o.set(pick(random, "query", "k", "mode", "cursor", "extra", "queries", "filters", "id", "acl", "text"), value);
      } else if (random.nextInt(3) == 0) {
        o.remove(names.get(random.nextInt(names.size())));
      } else {
        o.set(names.get(random.nextInt(names.size())), value);
      }
    } else if (target instanceof ArrayNode a) {
      if (a.isEmpty() || random.nextBoolean()) {
        a.add(value);
      } else {
        a.set(random.nextInt(a.size()), value);
      }
    }
    return root;
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      n.forEach(child -> collect(child, out));
    }
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> F.nullNode();
      case 1 -> F.numberNode(random.nextInt());
      case 2 -> F.numberNode(Long.MAX_VALUE);
      case 3 -> F.numberNode(-1);
      case 4 -> F.numberNode(random.nextDouble() * 1e6);
      case 5 -> F.booleanNode(random.nextBoolean());
      case 6 -> F.textNode("");
      case 7 -> F.textNode(" \t\n");
      case 8 -> F.textNode("title:(a OR b) AND \"c* ~2 ^3 \\ / [x TO y]");
      case 9 -> F.textNode("x".repeat(random.nextInt(6000)));
      case 10 -> F.textNode("\u0000\u0001\ud83d\ude00\u202e");
      case 11 -> F.arrayNode().add("a").add(1);
      case 12 -> {
        ArrayNode many = F.arrayNode();
        for (int i = 0; i < 40; i++) {
          many.add("q" + i);
        }
        yield many;
      }
      default -> F.objectNode().put("type", "runbook");
    };
  }
}
