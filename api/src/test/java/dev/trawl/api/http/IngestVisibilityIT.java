package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches during heavy ingest, over real HTTP: two writers stream bulk requests of 100
 * documents as fast as the server acknowledges them, two searchers run hybrid {@code search}
 * and {@code multi_search} without pause, and a prober writes a document carrying a unique
 * word every 100 ms and measures, from the moment its PUT is acknowledged, how long until a
 * search finds it (the refresh delay). Every acknowledged probe must be fetchable at once and
 * searchable eventually; searches may be shed (429) but must never fail. Tagged {@code slow};
 * duration {@code -Dtrawl.ingest.seconds} (default 20).
 */
@Tag("slow")
@ExtendWith(SeededRandomExtension.class)
class IngestVisibilityIT {
  private static final int SECONDS = Integer.getInteger("trawl.ingest.seconds", 20);
  private static final String[] WORDS = ("replica failover kafka consumer lag disk pressure eviction rotate pager"
      + " certificate renewal cache invalidation parental leave travel expenses incident review postgres"
      + " throttling tokens bucket deploy rollback canary queue backlog shard rebalance").split(" ");

  @Test
  void searchesDuringIngestNeverFailAndWritesBecomeVisible(@TempDir Path data, Random random) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ApiTestServer api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig())) {
      assertEquals(201, api.post("/v1/collections", Map.of("name", "ingest"), Map.of()).status());
      long seed = random.nextLong();
      long end = System.nanoTime() + SECONDS * 1_000_000_000L;
      AtomicLong acked = new AtomicLong();
      AtomicInteger bulkRequests = new AtomicInteger();
      ConcurrentHashMap<Integer, AtomicInteger> writeStatuses = new ConcurrentHashMap<>();
      ConcurrentHashMap<Integer, AtomicInteger> searchStatuses = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        threads.add(Thread.ofPlatform().name("ingest-writer-" + w).start(() -> {
          Random r = new Random(seed + writer);
          for (int batch = 0; System.nanoTime() < end; batch++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < 100; i++) {
              ndjson.append("{\"id\": \"w").append(writer).append('-').append(batch).append('-').append(i)
                  .append("\", \"title\": \"").append(words(r, 4)).append("\", \"text\": \"")
                  .append(words(r, 120)).append("\"}\n");
            }
            var reply = api.call("POST", "/v1/collections/ingest/documents:bulk", ndjson.toString(),
                Map.of("Content-Type", "application/x-ndjson"));
            writeStatuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
            bulkRequests.incrementAndGet();
            if (reply.status() == 200) {
              acked.addAndGet(100);
            }
          }
        }));
      }
      for (int s = 0; s < 2; s++) {
        int searcher = s;
        threads.add(Thread.ofPlatform().name("ingest-searcher-" + s).start(() -> {
          Random r = new Random(seed + 100 + searcher);
          while (System.nanoTime() < end) {
            var reply = searcher == 0
                ? api.post("/v1/collections/ingest/search", Map.of("query", words(r, 3), "k", 20), Map.of())
                : api.post("/v1/collections/ingest/multi_search",
                    Map.of("queries", List.of(words(r, 2), words(r, 3), words(r, 2), words(r, 4)), "k", 20), Map.of());
            searchStatuses.computeIfAbsent(reply.status(), x -> new AtomicInteger()).incrementAndGet();
            if (reply.status() != 200 && reply.status() != 429) {
              failures.add("search: " + reply);
            }
          }
        }));
      }
      int probes = 0;
      while (System.nanoTime() < end) {
        String word = "probe" + probes + "x" + Long.toString(seed & 0xffff, 36);
        String id = "probe-" + probes++;
        var put = api.call("PUT", "/v1/collections/ingest/documents/" + id,
            "{\"title\": \"probe\", \"text\": \"the unique word " + word + " marks this document\"}", Map.of());
        if (put.status() != 200 && put.status() != 201) {
          failures.add("probe put: " + put);
          continue;
        }
        long ackedAt = System.nanoTime();
        var get = api.get("/v1/collections/ingest/documents/" + id);
        if (get.status() != 200) {
          failures.add("acknowledged " + id + " but GET answered " + get);
        }
        long deadline = ackedAt + 30_000_000_000L;
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
          var hit = api.post("/v1/collections/ingest/search", Map.of("query", word, "k", 1, "mode", "lexical"), Map.of());
          seen = hit.status() == 200 && hit.json().path("hits").path(0).path("id").asText().equals(id);
          if (!seen) {
            Thread.sleep(2);
          }
        }
        if (seen) {
          delays.add(System.nanoTime() - ackedAt);
        } else {
          failures.add(id + " not searchable 30 s after its acknowledgement");
        }
        Thread.sleep(100);
      }
      for (Thread t : threads) {
        t.join();
      }
      long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("IngestVisibilityIT: %d s, %d documents acknowledged in %d bulk requests (%.0f docs/s),"
          + " write statuses %s; searches %s; %d probes, refresh delay from acknowledgement to searchable"
          + " p50 %.1f ms, p99 %.1f ms, max %.1f ms (includes one search round trip); failures %d%n",
          SECONDS, acked.get(), bulkRequests.get(), acked.get() / (double) SECONDS, writeStatuses, searchStatuses,
          probes, pct(d, 0.5), pct(d, 0.99), d.length == 0 ? 0 : d[d.length - 1] / 1e6, failures.size());
      assertTrue(failures.isEmpty(), String.join("\n", failures));
      assertEquals(probes, d.length, "every probe became searchable");
      assertTrue(searchStatuses.getOrDefault(200, new AtomicInteger()).get() > 0, "searches ran: " + searchStatuses);
    } finally {
      vertx.close().await();
    }
  }

  private static String words(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      // Skewed choice, so some words are common and some rare, as in real text.
      int w = (int) (WORDS.length * Math.pow(r.nextDouble(), 2));
      sb.append(i == 0 ? "" : " ").append(WORDS[w]);
    }
    return sb.toString();
  }

  private static double pct(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] / 1e6;
  }
}
