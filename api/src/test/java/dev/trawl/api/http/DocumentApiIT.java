package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.indexer.collection.IndexFields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Document and collection endpoints: writes are durable when acknowledged, reads return full text or a passage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentApiIT {
  static final String DOCS = "/v1/collections/sample/documents/";

  private Vertx vertx;
  private ApiTestServer api;
  private Path data;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    this.data = data;
    vertx = Vertx.vertx();
    api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  /** Counts live document entries with {@code id} in the last Lucene commit on disk (what survives a crash). */
  private int committed(String collection, String id) throws Exception {
    try (var dir = FSDirectory.open(data.resolve("collections").resolve(collection).resolve("lucene"));
        var reader = DirectoryReader.open(dir)) {
      var q = new org.apache.lucene.search.BooleanQuery.Builder()
          .add(new TermQuery(new Term(IndexFields.DOC_ID, id)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_DOC)),
              org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
      return new IndexSearcher(reader).count(q);
    }
  }

  @Test
  void putIsDurableWhenAcknowledgedAndGetReturnsTheFullText() throws Exception {
    String text = "Sentence one about ferries. ".repeat(200);
    var put = api.call("PUT", DOCS + "ferry-guide", "{\"title\": \"Ferry guide\", \"text\": \"" + text
        + "\", \"metadata\": {\"type\": \"guide\"}, \"acl\": [\"group:ops\"]}", Map.of());
    assertEquals(200, put.status(), put.toString());
    assertTrue(put.json().get("durable").asBoolean());
    assertEquals(1, committed("sample", "ferry-guide"), "acknowledged means committed");

    JsonNode doc = api.get(DOCS + "ferry-guide").json();
    assertEquals(text, doc.get("text").asText());
    assertEquals("Ferry guide", doc.get("title").asText());
    assertEquals("guide", doc.get("metadata").get("type").asText());
    assertEquals(List.of("group:ops"), List.of(doc.get("acl").get(0).asText()));
    JsonNode passages = doc.get("passages");
    assertTrue(passages.size() > 1, "a long document is split: " + passages);

    String pid = passages.get(1).get("id").asText();
    JsonNode one = api.get(DOCS + "ferry-guide?passage=" + pid.replace("#", "%23")).json();
    int start = passages.get(1).get("start").asInt();
    int end = passages.get(1).get("end").asInt();
    assertEquals(text.substring(start, end), one.get("text").asText());
    assertEquals(pid, one.get("passage").get("id").asText());
    assertEquals(one.get("text").asText(), api.get(DOCS + "ferry-guide?passage=1").json().get("text").asText());

    assertEquals(404, api.call("GET", DOCS + "ferry-guide", null, Map.of("X-Trawl-Principals", "group:eng"))
        .status());
    assertEquals(200, api.call("GET", DOCS + "ferry-guide", null, Map.of("X-Trawl-Principals", "group:ops"))
        .status());

    var del = api.call("DELETE", DOCS + "ferry-guide", null, Map.of());
    assertEquals(200, del.status(), del.toString());
    assertEquals(0, committed("sample", "ferry-guide"));
    assertEquals(404, api.get(DOCS + "ferry-guide").status());
  }

  @Test
  void bulkReportsEachLineAndWritesTheValidOnes() throws Exception {
    String ndjson = "{\"id\": \"bulk-1\", \"title\": \"Bulk one\", \"text\": \"first\"}\n"
        + "\n"
        + "{\"id\": \"bulk-2\", \"text\": 42}\n"
        + "not json\n"
        + "{\"id\": \"bulk-3\", \"text\": \"third\", \"metadata\": {\"type\": \"note\"}}\n";
    var r = api.call("POST", "/v1/collections/sample/documents:bulk", ndjson,
        Map.of("Content-Type", "application/x-ndjson"));
    assertEquals(200, r.status(), r.toString());
    JsonNode body = r.json();
    assertEquals(2, body.get("upserted").asInt());
    assertEquals(2, body.get("failed").asInt());
    JsonNode lines = body.get("results");
    assertEquals(4, lines.size());
    assertEquals(1, lines.get(0).get("line").asInt());
    assertEquals("upserted", lines.get(0).get("status").asText());
    assertEquals(3, lines.get(1).get("line").asInt());
    assertEquals("error", lines.get(1).get("status").asText());
    assertTrue(lines.get(1).get("error").asText().contains("\"text\" must be a string"));
    assertEquals("error", lines.get(2).get("status").asText());
    assertEquals("bulk-3", lines.get(3).get("id").asText());
    assertEquals(1, committed("sample", "bulk-1"));
    assertEquals(1, committed("sample", "bulk-3"));
    assertEquals(0, committed("sample", "bulk-2"));
  }

  /**
   * A body that starts with a UTF-8 byte order mark (EF BB BF, as some editors save files) is read
   * as the CLI reads such a file: the mark is skipped and the first line is a document.
   */
  @Test
  void bulkSkipsALeadingByteOrderMark() throws Exception {
    byte[] ndjson = ("\uFEFF{\"id\": \"bom-1\", \"text\": \"first\"}\n{\"id\": \"bom-2\", \"text\": \"second\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals((byte) 0xEF, ndjson[0], "the body starts with the encoded mark");
    var r = api.call("POST", "/v1/collections/sample/documents:bulk", ndjson,
        Map.of("Content-Type", "application/x-ndjson"));
    assertEquals(200, r.status(), r.toString());
    assertEquals(2, r.json().get("upserted").asInt(), r.toString());
    assertEquals(0, r.json().get("failed").asInt(), r.toString());
    assertEquals("bom-1", r.json().get("results").get(0).get("id").asText(), r.toString());
    assertEquals(1, committed("sample", "bom-1"));
  }

  /** Lexical search for "zebra" in {@code collection} with {@code filters}: the ids of the hits, in a set. */
  private Set<String> zebra(String collection, String filters) {
    var r = api.post("/v1/collections/" + collection + "/search", "{\"query\": \"zebra\", \"mode\": \"lexical\", "
        + "\"k\": 50, \"filters\": " + filters + "}");
    assertEquals(200, r.status(), r.toString());
    Set<String> ids = new TreeSet<>();
    r.json().get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  /**
   * The new user's report: metadata 'date' is checked on write (400 for PUT, a per-line error in
   * bulk, nothing of a bad document stored) and a date-time is found by day filters on its day.
   */
  @Test
  void documentDatesAreCheckedOnWriteAndFilteredByTheirDay() throws Exception {
    assertEquals(201, api.post("/v1/collections", "{\"name\": \"dated\"}").status());
    String docs = "/v1/collections/dated/documents/";

    var yesterday = api.call("PUT", docs + "d1", "{\"text\": \"zebra hello\", \"metadata\": {\"date\": "
        + "\"yesterday\"}}", Map.of());
    assertEquals(400, yesterday.status(), yesterday.toString());
    JsonNode error = yesterday.json().get("error");
    assertEquals("invalid_request", error.get("code").asText());
    assertEquals("metadata 'date' must be an ISO date like 2026-03-04 (or a date-time like 2026-03-04T10:00:00Z); "
        + "got 'yesterday'. Use another field name for dates that are not calendar dates.", error.get("message").asText());
    assertEquals(404, api.get(docs + "d1").status(), "nothing stored");

    var unpadded = api.call("PUT", docs + "d2", "{\"text\": \"zebra hello\", \"metadata\": {\"date\": "
        + "\"2026-3-4\"}}", Map.of());
    assertEquals(400, unpadded.status(), unpadded.toString());
    assertTrue(unpadded.json().get("error").get("message").asText().endsWith("Write it as 2026-03-04."),
        unpadded.toString());

    var dateTime = api.call("PUT", docs + "d3", "{\"text\": \"zebra hello\", \"metadata\": {\"date\": "
        + "\"2026-03-04T10:00:00Z\"}}", Map.of());
    assertEquals(200, dateTime.status(), dateTime.toString());
    assertEquals("2026-03-04T10:00:00Z", api.get(docs + "d3").json().get("metadata").get("date").asText(),
        "returned as written");

    String ndjson = "{\"id\": \"b1\", \"text\": \"zebra one\", \"metadata\": {\"date\": \"2026-03-02\"}}\n"
        + "{\"id\": \"b2\", \"text\": \"zebra two\", \"metadata\": {\"date\": \"last week\"}}\n"
        + "{\"id\": \"b3\", \"text\": \"zebra three\", \"metadata\": {\"date\": \"2026-03-10T23:30:00-05:00\"}}\n";
    var bulk = api.call("POST", "/v1/collections/dated/documents:bulk", ndjson,
        Map.of("Content-Type", "application/x-ndjson"));
    assertEquals(200, bulk.status(), bulk.toString());
    assertEquals(2, bulk.json().get("upserted").asInt(), bulk.toString());
    assertEquals(1, bulk.json().get("failed").asInt(), bulk.toString());
    JsonNode line2 = bulk.json().get("results").get(1);
    assertEquals(2, line2.get("line").asInt());
    assertEquals("error", line2.get("status").asText());
    assertTrue(line2.get("error").asText().startsWith("metadata 'date' must be an ISO date")
        && line2.get("error").asText().contains("got 'last week'"), line2.toString());
    assertEquals(1, committed("dated", "b1"));
    assertEquals(0, committed("dated", "b2"));
    assertEquals(1, committed("dated", "b3"));

    assertEquals(Set.of("b1", "b3", "d3"), zebra("dated", "{}"));
    assertEquals(Set.of("b1", "d3"), zebra("dated", "{\"date_to\": \"2026-03-04\"}"));
    assertEquals(Set.of("b3", "d3"), zebra("dated", "{\"date_from\": \"2026-03-04\"}"));
    assertEquals(Set.of("d3"), zebra("dated", "{\"date_from\": \"2026-03-04\", \"date_to\": \"2026-03-04\"}"));
    assertEquals(Set.of("b3"), zebra("dated", "{\"date_from\": \"2026-03-10\"}"),
        "the day as written, not shifted to UTC (March 11)");
    assertEquals(Set.of(), zebra("dated", "{\"date_from\": \"2027-01-01\"}"));
  }

  @Test
  void aRepeatedIdFailsEachOfItsLinesAndTheOthersAreWritten() throws Exception {
    String ndjson = "{\"id\": \"dup-1\", \"text\": \"first\"}\n"
        + "{\"id\": \"dup-2\", \"text\": \"other\"}\n"
        + "{\"id\": \"dup-1\", \"text\": \"second\"}\n"
        + "{\"id\": \"dup-3\", \"text\": 7}\n";
    var r = api.call("POST", "/v1/collections/sample/documents:bulk", ndjson,
        Map.of("Content-Type", "application/x-ndjson"));
    assertEquals(200, r.status(), r.toString());
    JsonNode body = r.json();
    assertEquals(1, body.get("upserted").asInt(), r.toString());
    assertEquals(3, body.get("failed").asInt(), r.toString());
    JsonNode lines = body.get("results");
    assertEquals(List.of(1, 2, 3, 4), List.of(lines.get(0).get("line").asInt(), lines.get(1).get("line").asInt(),
        lines.get(2).get("line").asInt(), lines.get(3).get("line").asInt()));
    for (int i : new int[] {0, 2}) {
      assertEquals("error", lines.get(i).get("status").asText());
      assertEquals("dup-1", lines.get(i).get("id").asText());
      assertTrue(lines.get(i).get("error").asText().contains("appears on lines 1, 3 of this request"), r.toString());
    }
    assertEquals("upserted", lines.get(1).get("status").asText());
    assertEquals("error", lines.get(3).get("status").asText(), "the other bad lines are reported too");
    assertEquals(0, committed("sample", "dup-1"), "neither version of a repeated id is written");
    assertEquals(1, committed("sample", "dup-2"));
  }

  @Test
  void concurrentWritersAreAllDurable() throws Exception {
    List<Future<io.vertx.ext.web.client.HttpResponse<Buffer>>> puts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      puts.add(api.client.put(DOCS + "concurrent-" + i).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"text\": \"concurrent write number " + i + "\"}")));
    }
    for (var f : puts) {
      assertEquals(200, f.await().statusCode(), f.await().bodyAsString());
    }
    for (int i = 0; i < 12; i++) {
      assertEquals(1, committed("sample", "concurrent-" + i), "concurrent-" + i);
    }
  }

  @Test
  void collectionsCanBeCreatedListedDescribedAndDeleted() {
    var created = api.post("/v1/collections", "{\"name\": \"notes\"}");
    assertEquals(201, created.status(), created.toString());
    assertEquals(0, created.json().get("documents").asInt());
    assertEquals(200, api.call("PUT", "/v1/collections/notes/documents/n1", "{\"text\": \"a note\"}", Map.of())
        .status());
    JsonNode stats = api.get("/v1/collections/notes").json();
    assertEquals(1, stats.get("documents").asInt());
    assertEquals(1, stats.get("passages").asInt());
    assertTrue(stats.get("size_bytes").asLong() > 0);
    List<String> names = new ArrayList<>();
    api.get("/v1/collections").json().get("collections").forEach(c -> names.add(c.get("name").asText()));
    assertTrue(names.containsAll(List.of("notes", "sample")), names.toString());
    var deleted = api.call("DELETE", "/v1/collections/notes", null, Map.of());
    assertEquals(200, deleted.status(), deleted.toString());
    assertEquals(404, api.get("/v1/collections/notes").status());
  }
}
