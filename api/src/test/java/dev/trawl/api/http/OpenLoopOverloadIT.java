package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open-loop overload: requests are sent at a fixed rate whatever the server answers (no client
 * back-pressure), above what 2 workers + a queue of 8 can serve. The server must shed with 429
 * rather than queue, keep the latency of admitted requests bounded, keep heap bounded, and answer
 * normally once the load stops. Tagged {@code slow}; rate and duration:
 * {@code -Dtrawl.overload.rps} (default 200), {@code -Dtrawl.overload.seconds} (default 10).
 */
@Tag("slow")
class OpenLoopOverloadIT {
  private static final int RPS = Integer.getInteger("trawl.overload.rps", 200);
  private static final int SECONDS = Integer.getInteger("trawl.overload.seconds", 10);
  private static final int WARMUP_REQUESTS = Integer.getInteger("trawl.overload.warmup", 100);

  @Test
  void shedsAboveCapacityAndRecovers(@TempDir Path data) throws Exception {
    Vertx vertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx(); // the load's own event loop, so server work does not delay sending
    var config = ApiTestServer.testConfig().withConcurrency(2, 8);
    try (ApiTestServer api = ApiTestServer.start(vertx, data, config)) {
      WebClient client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(api.server.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1000));
      String body = "{\"queries\": [\"database failover\", \"disk full on workers\", \"rotate the pager\", "
          + "\"promote a replica\"], \"k\": 50, \"mode\": \"hybrid\"}";
      Buffer payload = Buffer.buffer(body);
      // Warm up first (JIT, Jackson's serializers, Lucene's first queries): a cold server's first
      // second is not what overload looks like on a running one.
      for (int i = 0; i < WARMUP_REQUESTS; i++) {
        api.post("/v1/collections/sample/multi_search", body);
      }
      ConcurrentLinkedQueue<Long> admittedNanos = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Long> shedNanos = new ConcurrentLinkedQueue<>();
      ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      AtomicInteger outstanding = new AtomicInteger();
      AtomicLong peakHeap = new AtomicLong();
      var memory = ManagementFactory.getMemoryMXBean();
      long total = (long) RPS * SECONDS;
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      AtomicLong sent = new AtomicLong();
      long timer = clientVertx.setPeriodic(5, id -> {
        long due = (System.nanoTime() - start) * RPS / 1_000_000_000L;
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        while (sent.get() < Math.min(due, total)) {
          sent.incrementAndGet();
          long t0 = System.nanoTime();
          outstanding.incrementAndGet();
          client.post("/v1/collections/sample/multi_search").putHeader("Content-Type", "application/json")
              .sendBuffer(payload).onComplete(ar -> {
                outstanding.decrementAndGet();
                long took = System.nanoTime() - t0;
                int status = ar.succeeded() ? ar.result().statusCode() : -1;
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                (status == 200 ? admittedNanos : shedNanos).add(took);
              });
        }
      });
      while (sent.get() < total) {
        Thread.sleep(50);
      }
      clientVertx.cancelTimer(timer);
      long sendEnd = System.nanoTime();
      while (outstanding.get() > 0 && System.nanoTime() - sendEnd < 30_000_000_000L) {
        Thread.sleep(20);
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      }
      double elapsed = (sendEnd - start) / 1e9;
      long[] ok = admittedNanos.stream().mapToLong(Long::longValue).sorted().toArray();
      long[] shed = shedNanos.stream().mapToLong(Long::longValue).sorted().toArray();
      double p99 = ok.length == 0 ? 0 : ok[(int) Math.min(ok.length - 1, Math.ceil(ok.length * 0.99) - 1)] / 1e6;
      double p50 = ok.length == 0 ? 0 : ok[ok.length / 2] / 1e6;
      double shedP99 = shed.length == 0 ? 0 : shed[(int) Math.min(shed.length - 1,
          Math.ceil(shed.length * 0.99) - 1)] / 1e6;
      double shedP50 = shed.length == 0 ? 0 : shed[shed.length / 2] / 1e6;
      // Recovery: once the load stops, sequential requests all succeed.
      int recovered = 0;
      for (int i = 0; i < 20; i++) {
        if (api.post("/v1/collections/sample/multi_search", body).status() == 200) {
          recovered++;
        }
      }
      // Inside the server: arrival at the router to the end of the 429, and the event loop's lag
      // (bucket upper bounds). A client waiting far longer than these is waiting for CPU or in
      // the kernel, outside the server's control; the process's CPU share is printed with them.
      ApiMetrics m = api.server.metrics();
      double cpuShare = (os.getProcessCpuTime() - cpuStart) / 1e9 / elapsed / os.getAvailableProcessors();
      System.out.printf("OpenLoopOverloadIT: offered %d req/s for %.1f s (%d requests, 4-query hybrid multi_search);"
          + " statuses %s; admitted %.1f req/s, p50 %.1f ms, p99 %.1f ms; 429 p50 %.1f ms, p99 %.1f ms at the client,"
          + " <= %.1f ms inside the server; event-loop lag p50 <= %.1f ms, p99 <= %.1f ms; peak heap %d MB;"
          + " this process used %.0f%% of the machine's CPU while sending (load average %.1f); recovery %d/20%n", RPS, elapsed, total,
          statuses, ok.length / elapsed, p50, p99, shedP50, shedP99, m.shedQuantileBound(0.99) * 1e3,
          m.loopLagQuantileBound(0.5) * 1e3, m.loopLagQuantileBound(0.99) * 1e3, peakHeap.get() >> 20,
          cpuShare * 100, os.getSystemLoadAverage(), recovered);
      assertEquals(20, recovered, "recovers once the load stops");
      assertTrue(statuses.getOrDefault(429, new AtomicInteger()).get() > 0, "sheds above capacity: " + statuses);
      assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 429), "only 200 or 429: " + statuses);
      client.close();
    } finally {
      clientVertx.close().await();
      vertx.close().await();
    }
  }
}
