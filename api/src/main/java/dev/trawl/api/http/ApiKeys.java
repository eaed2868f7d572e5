package dev.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.service.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys and the principals they act for, read from a keys file:
 *
 * <pre>{@code
 * {"keys": [
 *   {"name": "support-bot", "key_sha256": "<64 hex digits>", "principals": ["support", "eng"]},
 *   {"name": "ingest", "key": "<plain key>", "unrestricted": true}
 * ]}
 * }</pre>
 *
 * <p>A key is given either in plain ({@code key}) or as the hex SHA-256 of its UTF-8 bytes
 * ({@code key_sha256}, preferred: the file then holds no secret). Only hashes are kept in memory.
 * A restricted key sees public documents and those whose ACL names one of its principals, and
 * may only read; an {@code unrestricted} key sees everything and may write. Lookups hash the
 * presented key and compare it with every entry by {@link MessageDigest#isEqual} (constant
 * time, no early exit), so timing does not reveal which key or how much of it matched. Keys
 * never appear in {@link #toString()}, errors or logs. Immutable and thread-safe.
 */
public final class ApiKeys {
  /** One configured key: its name (for logs and metrics), hash and visibility. */
  public record Entry(String name, byte[] sha256, Caller caller) {
    public boolean unrestricted() {
      return !caller.restricted();
    }

    @Override
    public String toString() {
      return "ApiKey[" + name + "]";
    }
  }

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a keys file.
   *
   * @throws IllegalArgumentException naming the entry (never the key) if the file is invalid
   */
  public static ApiKeys load(Path file) throws IOException {
    JsonNode root;
    try {
      root = WireJson.MAPPER.readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("API keys file " + file + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ")");
    }
    return parse(root, file.toString());
  }

  static ApiKeys parse(JsonNode root, String source) {
    JsonNode keys = root == null ? null : root.get("keys");
    if (keys == null || !keys.isArray() || keys.isEmpty()) {
      throw new IllegalArgumentException("API keys file " + source + " must hold {\"keys\": [{\"name\", "
          + "\"key_sha256\" or \"key\", \"principals\" or \"unrestricted\": true}, ...]} with at least one key");
    }
    List<Entry> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    int i = 0;
    for (JsonNode k : keys) {
      String where = "API keys file " + source + ", key #" + (++i);
      if (!k.isObject() || !k.path("name").isTextual() || k.path("name").asText().isBlank()) {
        throw new IllegalArgumentException(where + ": each key needs a non-empty \"name\"");
      }
      String name = k.get("name").asText();
      where += " (\"" + name + "\")";
      if (!names.add(name)) {
        throw new IllegalArgumentException(where + ": duplicate name");
      }
      byte[] hash;
      if (k.has("key") == k.has("key_sha256")) {
        throw new IllegalArgumentException(where + ": give exactly one of \"key\" or \"key_sha256\"");
      } else if (k.has("key")) {
        String plain = k.get("key").asText("");
        if (!k.get("key").isTextual() || plain.length() < 16) {
          throw new IllegalArgumentException(where + ": \"key\" must be a string of at least 16 characters");
        }
        hash = sha256(plain);
      } else {
        try {
          hash = HexFormat.of().parseHex(k.get("key_sha256").asText(""));
        } catch (IllegalArgumentException e) {
          hash = new byte[0];
        }
        if (hash.length != 32) {
          throw new IllegalArgumentException(where + ": \"key_sha256\" must be 64 hex digits (sha256sum of the key)");
        }
      }
      boolean unrestricted = k.path("unrestricted").asBoolean(false);
      JsonNode p = k.get("principals");
      Caller caller;
      if (unrestricted) {
        if (p != null) {
          throw new IllegalArgumentException(where + ": an unrestricted key sees everything; drop \"principals\"");
        }
        caller = Caller.UNRESTRICTED;
      } else {
        if (p == null || !p.isArray() || p.isEmpty()) {
          throw new IllegalArgumentException(where + ": give \"principals\": [...] (users, groups) or "
              + "\"unrestricted\": true");
        }
        Set<String> principals = new LinkedHashSet<>();
        for (JsonNode v : p) {
          String s = v.asText("").trim();
          if (!v.isTextual() || s.isEmpty() || s.length() > 256 || s.contains(",")) {
            throw new IllegalArgumentException(where + ": principals are non-empty strings of at most 256 "
                + "characters without commas");
          }
          principals.add(s);
        }
        caller = new Caller(principals);
      }
      for (Entry e : out) {
        if (MessageDigest.isEqual(e.sha256(), hash)) {
          throw new IllegalArgumentException(where + ": the same key as \"" + e.name() + "\"");
        }
      }
      out.add(new Entry(name, hash, caller));
    }
    return new ApiKeys(out);
  }

  /** The entry whose key is {@code presented}, comparing against every entry in constant time. */
  public Optional<Entry> resolve(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] h = sha256(presented);
    Entry found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.sha256(), h) & found == null) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  public int size() {
    return entries.size();
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[" + entries.size() + " keys]";
  }
}
