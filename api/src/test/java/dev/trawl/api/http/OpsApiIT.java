package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** /health, /ready, /metrics and /openapi.json, and the OpenAPI document against the live routes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsApiIT {
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

  @Test
  void healthAndReadiness() {
    assertEquals("ok", api.get("/health").json().get("status").asText());
    assertEquals("ready", api.get("/ready").json().get("status").asText());
  }

  @Test
  void openApiDescribesExactlyTheLiveRoutes() {
    JsonNode doc = api.get("/openapi.json").json();
    assertEquals("3.1.0", doc.get("openapi").asText());
    Set<String> documented = new TreeSet<>();
    for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
        String m = methods.next();
        if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(m)) {
          documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path);
          JsonNode op = doc.get("paths").get(path).get(m);
          assertTrue(op.hasNonNull("summary") && op.has("responses"), m + " " + path + " needs a summary and responses");
        }
      }
    }
    assertEquals(documented, new TreeSet<>(api.server.routeNames()));
    // every $ref resolves
    String text = doc.toString();
    var refs = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
    while (refs.find()) {
      assertTrue(doc.get("components").get("schemas").has(refs.group(1)), "dangling $ref " + refs.group(1));
    }
  }

  @Test
  void metricsExposeRequestCountsLatencyQueueDepthAndIndexSizes() {
    api.post("/v1/collections/sample/search", "{\"query\": \"database\"}");
    api.post("/v1/collections/sample/search", "{\"query\": \"\"}");
    var r = api.get("/metrics");
    assertEquals(200, r.status());
    assertTrue(r.headers().get("Content-Type").startsWith("text/plain; version=0.0.4"));
    String m = r.body();
    assertTrue(m.contains("trawl_http_requests_total{route=\"/v1/collections/{c}/search\",method=\"POST\","
        + "status=\"200\"} "), m);
    assertTrue(m.contains("status=\"400\""), m);
    assertTrue(m.contains("trawl_http_request_duration_seconds_bucket{route=\"/v1/collections/{c}/search\","
        + "method=\"POST\",le=\"+Inf\"}"), m);
    assertTrue(m.contains("trawl_worker_queue_depth "), m);
    assertTrue(m.contains("trawl_collection_documents{collection=\"sample\"} 47"), m);
    assertTrue(m.contains("trawl_collection_size_bytes{collection=\"sample\"}"), m);
    for (String line : m.split("\n")) {
      assertTrue(line.startsWith("#") || line.matches("[a-z_]+(\\{.*})? [0-9.eE+-]+"), "bad line: " + line);
    }
  }
}
