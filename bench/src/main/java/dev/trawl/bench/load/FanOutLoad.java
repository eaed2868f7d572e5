package dev.trawl.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.api.Engine;
import dev.trawl.api.http.ApiServer;
import dev.trawl.api.http.ServerConfig;
import dev.trawl.api.sample.SampleCorpus;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.indexer.ingest.ProgressListener;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the agent API: starts the server in-process over the sample corpus with
 * the real BGE-small embedder (no query-vector cache, so every query is embedded as an agent's
 * fresh queries would be), then
 *
 * <ol>
 *   <li>compares, one request at a time and interleaved, (a) one {@code multi_search} of 8
 *       queries, (b) the same 8 queries as 8 sequential {@code search} requests, (c) one
 *       {@code search} request;
 *   <li>drives {@code multi_search} with 8 queries per request at each concurrency level for a
 *       fixed time and reports throughput and p50/p99 latency.
 * </ol>
 *
 * <p>With {@code --url} it drives a server already running in another process instead (for
 * example {@code ./trawl serve}, whose data folder has the sample collection), as an agent
 * would: the client's own work then does not share the JVM with the server. That server keeps
 * recent query vectors in its cache, so in this mode every query sent gets a unique suffix
 * ({@code " #N"}, two more tokens) and is embedded afresh, as in-process.
 *
 * <p>Every loop is bounded in time. Usage: {@code java -cp ... dev.trawl.bench.load.FanOutLoad
 * [--levels 1,2,4,8,16] [--seconds 20] [--warmup-seconds 5] [--compare-rounds 40] [--data DIR]
 * [--url http://127.0.0.1:7700]}
 */
public final class FanOutLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Options(List<Integer> levels, int seconds, int warmupSeconds, int compareRounds, Path data, String url) {
    static Options parse(String[] args) throws Exception {
      List<Integer> levels = List.of(1, 2, 4, 8, 16);
      int seconds = 20;
      int warmup = 5;
      int rounds = 40;
      Path data = null;
      String url = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--levels" -> levels = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
          case "--seconds" -> seconds = Integer.parseInt(args[++i]);
          case "--warmup-seconds" -> warmup = Integer.parseInt(args[++i]);
          case "--compare-rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--data" -> data = Path.of(args[++i]);
          case "--url" -> url = args[++i].replaceAll("/+$", "");
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + "; options: --levels 1,2,4,8,16 --seconds N --warmup-seconds N --compare-rounds N --data DIR"
              + " --url http://127.0.0.1:7700");
        }
      }
      return new Options(levels, seconds, warmup, rounds, data, url);
    }
  }

  /** Latencies in nanoseconds, summarised. */
  record Summary(int n, double p50Ms, double p99Ms, double meanMs) {
    static Summary of(List<Long> nanos) {
      List<Long> s = new ArrayList<>(nanos);
      Collections.sort(s);
      if (s.isEmpty()) {
        return new Summary(0, 0, 0, 0);
      }
      double mean = s.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
      return new Summary(s.size(), pct(s, 0.50), pct(s, 0.99), mean);
    }

    private static double pct(List<Long> sorted, double p) {
      int idx = (int) Math.ceil(p * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx))) / 1e6;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  /** Makes every query text unique (against a server's query-vector cache); null in-process. */
  private final AtomicLong uniqueSuffix;

  private FanOutLoad(String serverUrl, boolean uniqueQueries) {
    this.base = serverUrl + "/v1/collections/" + SampleCorpus.COLLECTION;
    this.uniqueSuffix = uniqueQueries ? new AtomicLong() : null;
  }

  private String text(String query) {
    return uniqueSuffix == null ? query : query + " #" + uniqueSuffix.incrementAndGet();
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path data = o.data() != null ? o.data() : Files.createTempDirectory("trawl-load");
    System.out.printf("Trawl agent API load: JDK %s (%s), %d cores, %.1f GB heap max%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9);
    if (o.url() != null) {
      System.out.println("server: " + o.url() + " (another process; every query made unique against its cache)");
      new FanOutLoad(o.url(), true).run(o, queryPool());
      return;
    }
    // The plain model, without the query-vector cache: every query is embedded.
    Engine engine = Engine.open(data, new BgeSmallEmbedder(), CollectionOptions.defaults());
    Vertx vertx = Vertx.vertx();
    try {
      var c = engine.catalog().openOrCreate(SampleCorpus.COLLECTION);
      long t0 = System.nanoTime();
      var report = SampleCorpus.indexIfEmpty(c, ProgressListener.NONE);
      if (report != null) {
        System.out.printf("indexed the sample corpus (%d documents) in %.1f s%n", report.documents(),
            (System.nanoTime() - t0) / 1e9);
      }
      ServerConfig config = ServerConfig.defaults().withPort(0);
      ApiServer server = ApiServer.start(vertx, engine, config).await();
      System.out.printf("server: %d workers (trawl-worker), queue %d, retrieve pool %d threads%n",
          config.maxInFlight(), config.maxQueued(), Math.max(2, Runtime.getRuntime().availableProcessors()));
      new FanOutLoad("http://127.0.0.1:" + server.port(), false).run(o, queryPool());
      server.stop();
    } finally {
      vertx.close().await();
      engine.close();
    }
  }

  /** The sample corpus's 24 known queries. */
  static List<String> queryPool() throws Exception {
    List<String> out = new ArrayList<>();
    try (var in = new BufferedReader(new InputStreamReader(
        SampleCorpus.class.getResourceAsStream("/sample/queries.jsonl"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line).get("query").asText());
        }
      }
    }
    return out;
  }

  /** The i-th request's 8 queries: a sliding window over the pool. */
  static List<String> eight(List<String> pool, int i) {
    List<String> q = new ArrayList<>(8);
    for (int j = 0; j < 8; j++) {
      q.add(pool.get((i * 3 + j) % pool.size()));
    }
    return q;
  }

  private long post(String path, Object body) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - t0;
    if (r.statusCode() != 200) {
      throw new StatusException(r.statusCode(), r.body());
    }
    return took;
  }

  static final class StatusException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    StatusException(int status, String body) {
      super("HTTP " + status + ": " + body);
      this.status = status;
    }
  }

  private Map<String, Object> multi(List<String> queries) {
    return Map.of("queries", queries.stream().map(this::text).toList(), "k", 20, "token_budget", 4000);
  }

  private Map<String, Object> single(String query) {
    return Map.of("query", text(query), "k", 20);
  }

  private void run(Options o, List<String> pool) throws Exception {
    // Warm up JIT, ONNX Runtime and Lucene.
    long warmEnd = System.nanoTime() + o.warmupSeconds() * 1_000_000_000L;
    for (int i = 0; System.nanoTime() < warmEnd; i++) {
      post("/multi_search", multi(eight(pool, i)));
      post("/search", single(pool.get(i % pool.size())));
    }

    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    List<Long> c = new ArrayList<>();
    for (int i = 0; i < o.compareRounds(); i++) {
      List<String> q = eight(pool, i);
      a.add(post("/multi_search", multi(q)));
      long seq = 0;
      for (String s : q) {
        seq += post("/search", single(s));
      }
      b.add(seq);
      c.add(post("/search", single(q.get(0))));
    }
    Summary sa = Summary.of(a);
    Summary sb = Summary.of(b);
    Summary sc = Summary.of(c);
    System.out.println();
    System.out.printf("Comparison, one request at a time, %d interleaved rounds (ms):%n", o.compareRounds());
    System.out.println("| request | p50 | p99 | mean |");
    System.out.println("|---|---:|---:|---:|");
    row("(a) multi_search, 8 queries", sa);
    row("(b) 8 sequential search requests", sb);
    row("(c) one search request", sc);
    System.out.printf(Locale.ROOT, "(a)/(c) p50 = %.2fx (target <= 2.5x); (a)/(b) p50 = %.2fx (target < 1)%n",
        sa.p50Ms() / sc.p50Ms(), sa.p50Ms() / sb.p50Ms());

    System.out.println();
    System.out.printf("multi_search load, 8 queries per request, %d s per level:%n", o.seconds());
    System.out.println("| concurrency | requests | throughput (req/s) | queries/s | p50 (ms) | p99 (ms) | 429s | errors |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int level : o.levels()) {
      level(level, o.seconds(), pool);
    }
  }

  private static void row(String name, Summary s) {
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, s.p50Ms(), s.p99Ms(), s.meanMs());
  }

  private void level(int concurrency, int seconds, List<String> pool) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    LongAdder rejected = new LongAdder();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      Thread.ofPlatform().name("load-client-" + t).daemon().start(() -> {
        try {
          while (System.nanoTime() < end) {
            try {
              latencies.add(post("/multi_search", multi(eight(pool, next.getAndIncrement()))));
            } catch (StatusException e) {
              if (e.status == 429) {
                rejected.increment();
                Thread.sleep(50);
              } else {
                errors.merge("HTTP " + e.status, 1, Integer::sum);
              }
            } catch (Exception e) {
              errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    Summary s = Summary.of(latencies);
    int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.0f | %.1f | %.1f | %d | %d |%n", concurrency, s.n(),
        s.n() / elapsed, 8 * s.n() / elapsed, s.p50Ms(), s.p99Ms(), rejected.sum(), errorCount);
    if (!errors.isEmpty()) {
      System.out.println("  errors: " + errors);
    }
  }
}
