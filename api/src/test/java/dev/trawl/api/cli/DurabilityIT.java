package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.testing.SeededRandomExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash durability: {@code trawl serve} (with the test-only hashing embedder) runs as its own
 * process; four concurrent clients stream upserts and deletes (one of them in bulk requests); the process is killed with SIGKILL at a
 * random moment; after a restart every acknowledged write must be there (an upsert fetchable
 * with its latest acknowledged text, or with a later one that was in flight at the kill; a
 * delete still deleted unless a later upsert was in flight), findable by lexical and vector
 * search, and the collection's document count must match. Tagged {@code slow}: run with
 * {@code -Dtrawl.test.excludedGroups=dataset -Dit.test=DurabilityIT} (rounds: -Dtrawl.durability.rounds).
 */
@Tag("slow")
@ExtendWith(SeededRandomExtension.class)
class DurabilityIT {
  private static final int ROUNDS = Integer.getInteger("trawl.durability.rounds", 20);
  private static final int WRITERS = 4;
  private static final int BULK_WRITER = 3;
  private static final int IDS_PER_WRITER = 30;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What the client knows about one id: the last acknowledged text (null = deleted) and unacknowledged attempts since. */
  private static final class Known {
    String acked;
    boolean ackedExists;
    final Set<String> inFlight = new HashSet<>(); // texts, or "" for a delete, attempted but not acknowledged

    /** The server acknowledged {@code text} (null: a delete); earlier attempts no longer matter. */
    void acknowledge(String text) {
      inFlight.clear();
      ackedExists = text != null;
      acked = text;
    }
  }

  @Test
  void acknowledgedWritesSurviveKillDashNine(@TempDir Path data, Random random) throws Exception {
    Map<String, Known> known = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();
    long lost = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process p = start(data);
      try {
        String url = url(p, data);
        assertEquals(200, send("GET", url + "/ready", null).statusCode(), "opens cleanly after a kill");
        if (round == 0) {
          send("POST", url + "/v1/collections", "{\"name\": \"dur\"}");
        } else {
          lost += verify(url, known);
        }
        long killAt = System.nanoTime() + (500 + random.nextInt(3000)) * 1_000_000L;
        // Concurrent writers, each on its own ids (so each id's history stays sequential and
        // checkable): three send single PUTs and DELETEs, one sends bulk requests of 10.
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          long seed = random.nextLong();
          int r = round;
          writers.add(Thread.ofPlatform().name("durability-writer-" + w).start(() -> {
            try {
              write(url, known, killAt, r, writer, new Random(seed), acked);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }));
        }
        for (Thread t : writers) {
          t.join();
        }
      } finally {
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
      }
    }
    Process p = start(data);
    try {
      lost += verify(url(p, data), known);
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
    System.out.printf("DurabilityIT: %d kill -9 rounds, %d writers, %d acknowledged writes, %d lost (seed 0x%X)%n",
        ROUNDS, WRITERS, acked.get(), lost, SeededRandomExtension.masterSeed());
    assertEquals(0, lost, "acknowledged writes lost");
  }

  /**
   * One writer's stream until {@code killAt} or until the server dies: writer {@code BULK_WRITER}
   * upserts 10 documents per bulk request (each line acknowledged by its own result), the others
   * PUT or DELETE one document per request.
   */
  private void write(String url, Map<String, Known> known, long killAt, int round, int writer, Random random,
      java.util.concurrent.atomic.AtomicLong acked) throws Exception {
    int n = 0;
    while (System.nanoTime() < killAt) {
      if (writer == BULK_WRITER) {
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 10; i++) {
          String id = "doc-" + writer + "-" + random.nextInt(IDS_PER_WRITER);
          if (ids.contains(id)) {
            continue; // a bulk request may not name an id twice
          }
          String text = "round" + round + " bulk" + n + " line" + i + " " + words(random);
          known.computeIfAbsent(id, x -> new Known()).inFlight.add(text);
          ids.add(id);
          texts.add(text);
          ndjson.append(JSON.createObjectNode().put("id", id).put("title", id).put("text", text)).append('\n');
        }
        HttpResponse<String> r;
        try {
          r = send("POST", url + "/v1/collections/dur/documents:bulk", ndjson.toString(), "application/x-ndjson");
        } catch (java.io.IOException e) {
          return;
        }
        if (r.statusCode() == 200) {
          for (JsonNode line : JSON.readTree(r.body()).path("results")) {
            int i = ids.indexOf(line.path("id").asText());
            if (i >= 0 && line.path("status").asText().equals("upserted")) {
              known.get(ids.get(i)).acknowledge(texts.get(i));
              acked.incrementAndGet();
            }
          }
        }
      } else {
        String id = "doc-" + writer + "-" + random.nextInt(IDS_PER_WRITER);
        Known k = known.computeIfAbsent(id, x -> new Known());
        boolean delete = random.nextInt(5) == 0;
        String text = delete ? "" : "round" + round + " write" + n + " " + words(random);
        k.inFlight.add(text);
        HttpResponse<String> r;
        try {
          r = delete ? send("DELETE", url + "/v1/collections/dur/documents/" + id, null)
              : send("PUT", url + "/v1/collections/dur/documents/" + id, JSON.createObjectNode()
                  .put("title", id).put("text", text).toString());
        } catch (java.io.IOException e) {
          return;
        }
        if (r.statusCode() == 200 || (delete && r.statusCode() == 404)) {
          k.acknowledge(delete ? null : text);
          acked.incrementAndGet();
        }
      }
      n++;
    }
  }

  /** Checks every id against what was acknowledged; returns how many acknowledged writes are missing. */
  private long verify(String url, Map<String, Known> known) throws Exception {
    long lost = 0;
    int live = 0;
    for (var e : known.entrySet()) {
      Known k = e.getValue();
      var r = send("GET", url + "/v1/collections/dur/documents/" + e.getKey(), null);
      String now = r.statusCode() == 200 ? JSON.readTree(r.body()).path("text").asText() : null;
      boolean ok;
      if (now == null) {
        ok = !k.ackedExists || k.inFlight.contains("");
      } else {
        ok = now.equals(k.acked) || k.inFlight.contains(now);
        live++;
        ok &= found(url, e.getKey(), now, "lexical") && found(url, e.getKey(), now, "vector");
      }
      if (!ok) {
        System.err.println("LOST " + e.getKey() + ": acked " + (k.ackedExists ? "'" + k.acked + "'" : "deleted")
            + ", in flight " + k.inFlight + ", now " + (now == null ? "missing" : "'" + now + "'"));
        lost++;
      }
      // What is there now is the new truth (in-flight writes that landed count as acknowledged).
      k.acknowledge(now);
    }
    JsonNode stats = JSON.readTree(send("GET", url + "/v1/collections/dur", null).body());
    assertEquals(live, stats.path("documents").asInt(), "document count after restart: " + stats);
    return lost;
  }

  private boolean found(String url, String id, String text, String mode) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("query", text).put("k", 3).put("mode", mode);
    JsonNode hits = JSON.readTree(send("POST", url + "/v1/collections/dur/search", body.toString()).body())
        .path("hits");
    for (JsonNode h : hits) {
      if (h.path("id").asText().equals(id)) {
        return true;
      }
    }
    System.err.println("not found by " + mode + " search: " + id);
    return false;
  }

  private static String words(Random random) {
    String[] v = {"amber", "basalt", "cobalt", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper",
        "krypton", "lagoon", "meadow", "nickel", "onyx", "prairie", "quartz", "russet", "sierra", "tundra"};
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      s.append(v[random.nextInt(v.length)]).append(' ');
    }
    return s.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).toString();
  }

  private HttpResponse<String> send(String method, String url, String body) throws Exception {
    return send(method, url, body, "application/json");
  }

  private HttpResponse<String> send(String method, String url, String body, String contentType) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Process start(Path data) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--data",
        data.resolve("d").toString(), "--port", "0", "--embedder", "hashing"));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(data.resolve("stderr.txt").toFile()))
        .start();
  }

  private static String url(Process p, Path data) throws Exception {
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Pattern serving = Pattern.compile("Trawl is serving .* at (http://\\S+)");
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = serving.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain-stdout");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("server did not start: " + java.nio.file.Files.readString(data.resolve("stderr.txt")));
  }
}
