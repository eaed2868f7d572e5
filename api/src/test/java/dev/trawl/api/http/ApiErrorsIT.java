package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error contract as data: every case in {@code error-cases.json} is a request and the
 * status and error code it must get, and optionally words its message must contain. Every
 * error body must be {@code {error: {code, message, details}}} without a stack trace, and the
 * server must keep serving afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsIT {
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

  /** One request; {@code body} is a String, or raw bytes ({@code body_hex}) for invalid UTF-8. */
  record Case(String name, String method, String path, Object body, Map<String, String> headers, int status,
      String code, String messageContains) {}

  static List<Case> cases() throws Exception {
    JsonNode all;
    try (InputStream in = ApiErrorsIT.class.getResourceAsStream("error-cases.json")) {
      all = ApiTestServer.JSON.readTree(in);
    }
    List<Case> out = new ArrayList<>();
    for (JsonNode c : all) {
      Object body = null;
      if (c.has("body_hex")) {
        body = java.util.HexFormat.of().parseHex(c.get("body_hex").asText());
      } else if (c.has("query_chars")) {
        body = "{\"query\": \"" + "database ".repeat(c.get("query_chars").asInt() / 9 + 1) + "\"}";
      } else if (c.has("body")) {
        body = c.get("body").asText();
      } else if (c.has("json")) {
        body = c.get("json").toString();
      } else if (c.has("body_size")) {
        body = "{\"query\": \"" + "a".repeat(c.get("body_size").asInt()) + "\"}";
      }
      Map<String, String> headers = new LinkedHashMap<>();
      c.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
      out.add(new Case(c.get("name").asText(), c.get("method").asText(), c.get("path").asText(), body, headers,
          c.get("status").asInt(), c.get("code").asText(), c.path("message_contains").asText(null)));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyErrorCaseGetsItsStatusCodeAndAHelpfulMessage() throws Exception {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var reply = api.call(c.method(), c.path(), c.body(), c.headers());
      assertEquals(c.status(), reply.status(), c.name() + ": " + reply);
      JsonNode error = reply.json().get("error");
      assertEquals(c.code(), error.path("code").asText(), c.name() + ": " + reply);
      String message = error.path("message").asText();
      assertFalse(message.isBlank(), "empty message: " + reply);
      assertTrue(error.path("details").isObject(), "details must be an object: " + reply);
      if (c.messageContains() != null) {
        assertTrue(message.contains(c.messageContains()), c.name() + ": message should mention '"
            + c.messageContains() + "': " + message);
      }
      assertFalse(message.contains("[Source:") || message.contains("StreamReadFeature"),
          c.name() + ": the parser's internals leaked: " + message);
      assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"),
          "a stack trace leaked: " + reply);
      assertTrue(reply.headers().getOrDefault("Content-Type", "").startsWith("application/json"));
    }));
  }

  @Test
  void theServerKeepsServingAfterErrorsAndNoDataChanges() throws Exception {
    String before = api.get("/v1/collections").body().replaceAll("\"size_bytes\":\\d+", "");
    for (Case c : cases()) {
      api.call(c.method(), c.path(), c.body(), c.headers());
    }
    assertEquals(200, api.get("/health").status());
    String after = api.get("/v1/collections").body().replaceAll("\"size_bytes\":\\d+", "");
    assertEquals(before, after, "collections and their document counts are unchanged");
    var r = api.post("/v1/collections/sample/search", "{\"query\": \"database failover\", \"k\": 1}");
    assertEquals(200, r.status(), r.toString());
  }
}
