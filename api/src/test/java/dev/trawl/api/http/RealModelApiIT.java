package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.Engine;
import dev.trawl.api.sample.SampleCorpus;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.source.SourceDocument;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with the real BGE-small engine, on a slice of the sample corpus (to keep the
 * suite fast): paraphrased queries, which share few words with their documents, must be found
 * through a fan-out, each attributed to the query that asked for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealModelApiIT {
  static final Set<String> SLICE = Set.of("runbook-disk-full", "design-api-rate-limiting", "policy-parental-leave",
      "policy-security-awareness", "design-caching-strategy", "guide-local-dev-setup", "note-guest-wifi",
      "policy-travel-expenses", "faq-pricing", "runbook-kubernetes-node-drain", "checklist-mobile-release");
  static final List<String> QUERIES = List.of(
      "a server ran out of room for files and started kicking workloads off",
      "throttling a greedy account so it can't starve everybody else",
      "how much time off do I get when my baby is born",
      "I think I typed my login into a fake website, what now");
  static final List<String> EXPECTED = List.of("runbook-disk-full", "design-api-rate-limiting",
      "policy-parental-leave", "policy-security-awareness");

  private Vertx vertx;
  private ApiTestServer api;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    vertx = Vertx.vertx();
    Engine engine = Engine.open(data, CollectionOptions.defaults());
    List<SourceDocument> slice = SampleCorpus.documents().stream().filter(d -> SLICE.contains(d.id())).toList();
    var c = engine.catalog().openOrCreate(SampleCorpus.COLLECTION);
    c.upsert(slice);
    c.commit();
    api = ApiTestServer.start(vertx, engine, ApiTestServer.testConfig(), null);
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  @Test
  void aFanOutOfParaphrasesFindsEachDocumentThroughItsOwnQuery() {
    var r = api.post("/v1/collections/sample/multi_search", Map.of("queries", QUERIES, "k", 10, "per_query_k", 3,
        "mode", "vector"), Map.of());
    assertEquals(200, r.status(), r.toString());
    JsonNode results = r.json().get("results");
    for (int i = 0; i < QUERIES.size(); i++) {
      JsonNode hit = find(results, EXPECTED.get(i));
      assertNotNull(hit, EXPECTED.get(i) + " missing from " + results);
      boolean byItsQuery = false;
      for (JsonNode m : hit.get("matched")) {
        byItsQuery |= m.get("query_index").asInt() == i && m.get("rank").asInt() <= 2;
      }
      assertTrue(byItsQuery, EXPECTED.get(i) + " should be found by query " + i + ": " + hit.get("matched"));
    }
  }

  @Test
  void hybridSearchFindsAParaphrase() {
    var r = api.post("/v1/collections/sample/search", Map.of("query", QUERIES.get(2), "k", 3), Map.of());
    assertEquals(200, r.status(), r.toString());
    JsonNode hit = find(r.json().get("hits"), "policy-parental-leave");
    assertNotNull(hit, "expected in the top 3: " + r.json().get("hits"));
    assertEquals(1, hit.get("retrievers").get("vector").get("rank").asInt(), "the vector retriever ranks it first");
  }

  private static JsonNode find(JsonNode results, String id) {
    for (JsonNode h : results) {
      if (h.get("id").asText().equals(id)) {
        return h;
      }
    }
    return null;
  }
}
