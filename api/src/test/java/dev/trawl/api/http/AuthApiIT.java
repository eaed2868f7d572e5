package dev.trawl.api.http;

import static dev.trawl.api.http.ApiKeysTest.ADMIN_KEY;
import static dev.trawl.api.http.ApiKeysTest.SUPPORT_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with API keys: 401 without a valid key, principals from the key, restricted keys read only. */
class AuthApiIT {
  private static final String C = "/v1/collections/authz";
  private static Vertx vertx;
  private static ApiTestServer api;

  @BeforeAll
  static void start(@TempDir Path data) throws Exception {
    vertx = Vertx.vertx();
    api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig().withApiKeys(ApiKeysTest.keys()));
    assertEquals(201, api.call("POST", "/v1/collections", "{\"name\": \"authz\"}", admin()).status());
    put("pub", "tide tables public harbour", "*");
    put("sup", "tide tables support runbook", "group:support");
    put("hr", "tide tables salary review", "group:hr");
  }

  private static void put(String id, String text, String acl) {
    var r = api.call("PUT", C + "/documents/" + id, "{\"title\": \"" + id + "\", \"text\": \"" + text
        + "\", \"acl\": [\"" + acl + "\"]}", admin());
    assertEquals(200, r.status(), r.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  private static Map<String, String> admin() {
    return Map.of("Authorization", "Bearer " + ADMIN_KEY);
  }

  private static Map<String, String> support(String... principalsHeader) {
    Map<String, String> h = new HashMap<>(Map.of("Authorization", "Bearer " + SUPPORT_KEY));
    if (principalsHeader.length > 0) {
      h.put("X-Trawl-Principals", principalsHeader[0]);
    }
    return h;
  }

  private static Set<String> searchIds(Map<String, String> headers) {
    var r = api.call("POST", C + "/search", "{\"query\": \"tide tables\", \"k\": 10, \"mode\": \"lexical\"}", headers);
    assertEquals(200, r.status(), r.toString());
    Set<String> ids = new HashSet<>();
    for (JsonNode h : r.json().path("hits")) {
      ids.add(h.path("id").asText());
    }
    assertEquals(ids.size(), r.json().path("total").asInt(), "total counts visible documents only: " + r);
    return ids;
  }

  @Test
  void missingOrUnknownKeyIs401WithoutEchoingTheKey() {
    for (Map<String, String> h : java.util.List.of(Map.<String, String>of(), Map.of("Authorization", "Basic abc"),
        Map.of("Authorization", "Bearer not-a-key-1234567890"), Map.of("Authorization", "Bearer "))) {
      var r = api.call("POST", C + "/search", "{\"query\": \"tide\"}", h);
      assertEquals(401, r.status(), h + " " + r);
      assertTrue(r.errorCode().equals("unauthorized") || r.errorCode().equals("invalid_api_key"), r.toString());
      assertEquals("Bearer", r.headers().get("WWW-Authenticate"));
      assertFalse(r.body().contains("not-a-key"), r.body());
    }
    assertEquals(401, api.call("POST", "/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}",
        Map.of()).status());
    assertEquals(401, api.get("/metrics").status());
  }

  @Test
  void probesAndApiDescriptionNeedNoKey() {
    assertEquals(200, api.get("/health").status());
    assertEquals(200, api.get("/ready").status());
    assertEquals(200, api.get("/openapi.json").status());
  }

  @Test
  void aKeySeesWhatItsPrincipalsMaySee() {
    assertEquals(Set.of("pub", "sup", "hr"), searchIds(admin()));
    assertEquals(Set.of("pub", "sup"), searchIds(support()));
    assertEquals(404, api.call("GET", C + "/documents/hr", null, support()).status());
    assertEquals(200, api.call("GET", C + "/documents/sup", null, support()).status());
  }

  @Test
  void thePrincipalsHeaderOnlyNarrowsARestrictedKey() {
    assertEquals(Set.of("pub", "sup"), searchIds(support("group:hr, group:support")), "cannot widen to group:hr");
    assertEquals(Set.of("pub"), searchIds(support("group:hr")), "an unknown principal is dropped, not added");
    assertEquals(404, api.call("GET", C + "/documents/hr", null, support("group:hr")).status());
    // An unrestricted key (a gateway) may act for any principals.
    Map<String, String> gateway = new HashMap<>(admin());
    gateway.put("X-Trawl-Principals", "group:hr");
    assertEquals(Set.of("pub", "hr"), searchIds(gateway));
  }

  @Test
  void restrictedKeysMayNotWriteOrReadCounts() {
    var put = api.call("PUT", C + "/documents/x", "{\"title\": \"x\", \"text\": \"y\"}", support());
    assertEquals(403, put.status(), put.toString());
    assertEquals("forbidden", put.errorCode());
    assertEquals(403, api.call("DELETE", C + "/documents/hr", null, support()).status());
    assertEquals(403, api.call("GET", C, null, support()).status());
    assertEquals(403, api.call("GET", "/v1/collections", null, support()).status());
    assertEquals(403, api.call("GET", "/metrics", null, support()).status());
    assertEquals(403, api.call("DELETE", C, null, support()).status());
    assertEquals(200, api.call("GET", C + "/documents/hr", null, admin()).status(), "nothing changed");
  }

  @Test
  void mcpToolsFilterByTheKey() {
    var r = api.call("POST", "/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": "
        + "{\"name\": \"search\", \"arguments\": {\"query\": \"salary review\", \"collection\": \"authz\"}}}",
        support("group:hr"));
    assertEquals(200, r.status(), r.toString());
    assertFalse(r.body().contains("salary"), r.body());
  }
}
