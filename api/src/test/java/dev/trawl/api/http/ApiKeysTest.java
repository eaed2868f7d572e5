package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SUPPORT_KEY = "support-key-0123456789";
  static final String ADMIN_KEY = "admin-key-0123456789abc";

  static String keysJson() {
    String hash = HexFormat.of().formatHex(ApiKeys.sha256(SUPPORT_KEY));
    return "{\"keys\": [{\"name\": \"support\", \"key_sha256\": \"" + hash + "\", \"principals\": [\"group:support\","
        + " \"user:sam\"]}, {\"name\": \"admin\", \"key\": \"" + ADMIN_KEY + "\", \"unrestricted\": true}]}";
  }

  static ApiKeys keys() throws Exception {
    return ApiKeys.parse(JSON.readTree(keysJson()), "test");
  }

  @Test
  void resolvesPlainAndHashedKeysToTheirPrincipals() throws Exception {
    ApiKeys keys = keys();
    var support = keys.resolve(SUPPORT_KEY).orElseThrow();
    assertEquals("support", support.name());
    assertEquals(Set.of("group:support", "user:sam"), support.caller().principals());
    assertFalse(support.unrestricted());
    assertTrue(keys.resolve(ADMIN_KEY).orElseThrow().unrestricted());
    assertTrue(keys.resolve("support-key-012345678").isEmpty(), "a prefix is not the key");
    assertTrue(keys.resolve("").isEmpty());
    assertTrue(keys.resolve(null).isEmpty());
  }

  @Test
  void neverPrintsKeysOrHashes() throws Exception {
    ApiKeys keys = keys();
    String shown = keys + " " + keys.resolve(SUPPORT_KEY).orElseThrow();
    assertFalse(shown.contains(SUPPORT_KEY) || shown.contains(HexFormat.of().formatHex(ApiKeys.sha256(SUPPORT_KEY))),
        shown);
  }

  @Test
  void rejectsInvalidFilesWithoutEchoingKeys() {
    String[] bad = {
      "{}",
      "{\"keys\": []}",
      "{\"keys\": [{\"key\": \"0123456789abcdefgh\", \"unrestricted\": true}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"short\", \"unrestricted\": true}]}",
      "{\"keys\": [{\"name\": \"a\", \"key_sha256\": \"abc\", \"principals\": [\"x\"]}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"0123456789abcdefgh\"}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"0123456789abcdefgh\", \"principals\": []}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"0123456789abcdefgh\", \"principals\": [\"a,b\"]}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"0123456789abcdefgh\", \"unrestricted\": true, \"principals\": [\"x\"]}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"0123456789abcdefgh\", \"unrestricted\": true},"
          + " {\"name\": \"b\", \"key\": \"0123456789abcdefgh\", \"unrestricted\": true}]}",
      "{\"keys\": [{\"name\": \"a\", \"key\": \"0123456789abcdefgh\", \"key_sha256\": \"00\", \"unrestricted\": true}]}",
    };
    for (String json : bad) {
      var e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(JSON.readTree(json), "f"), json);
      assertFalse(e.getMessage().contains("0123456789abcdefgh"), e.getMessage());
    }
  }
}
