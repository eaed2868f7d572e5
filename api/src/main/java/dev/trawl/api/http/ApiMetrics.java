package dev.trawl.api.http;

import dev.trawl.indexer.collection.CollectionStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request metrics in the Prometheus text exposition format (version 0.0.4), kept by hand: a
 * counter per (route, method, status) and a latency histogram per (route, method). Routes are
 * labelled by their template ({@code POST /v1/collections/{c}/search}), never by raw paths, so
 * the number of series stays bounded. Thread-safe; recording is lock-free.
 */
public final class ApiMetrics {
  /** Histogram bucket upper bounds in seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private record Key(String route, String status) {}

  private static final class Histogram {
    final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
    final LongAdder sumNanos = new LongAdder();

    void observe(long nanos) {
      double s = nanos / 1e9;
      int i = 0;
      while (i < BUCKETS.length && s > BUCKETS[i]) {
        i++;
      }
      counts.incrementAndGet(i);
      sumNanos.add(nanos);
    }
  }

  private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

  /** Records one finished request of route template {@code route} (e.g. {@code GET /health}). */
  public void record(String route, int status, long nanos) {
    requests.computeIfAbsent(new Key(route, Integer.toString(status)), k -> new LongAdder()).increment();
    latency.computeIfAbsent(route, k -> new Histogram()).observe(nanos);
  }

  /** Gauges sampled at scrape time. */
  public record Gauges(int workersBusy, int queueDepth, int maxInFlight, long rejected, int openCursors,
      List<CollectionStats> collections) {}

  /** The whole exposition. */
  public String scrape(Gauges g) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# HELP trawl_http_requests_total HTTP requests by route template, method and status.\n");
    sb.append("# TYPE trawl_http_requests_total counter\n");
    new TreeMap<String, Long>(sortedRequests()).forEach((labels, n) ->
        sb.append("trawl_http_requests_total{").append(labels).append("} ").append(n).append('\n'));

    sb.append("# HELP trawl_http_request_duration_seconds Time from request arrival to response end.\n");
    sb.append("# TYPE trawl_http_request_duration_seconds histogram\n");
    new TreeMap<>(latency).forEach((route, h) -> {
      String labels = routeLabels(route);
      long cumulative = 0;
      for (int i = 0; i <= BUCKETS.length; i++) {
        cumulative += h.counts.get(i);
        String le = i < BUCKETS.length ? format(BUCKETS[i]) : "+Inf";
        sb.append("trawl_http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le)
            .append("\"} ").append(cumulative).append('\n');
      }
      sb.append("trawl_http_request_duration_seconds_sum{").append(labels).append("} ")
          .append(format(h.sumNanos.sum() / 1e9)).append('\n');
      sb.append("trawl_http_request_duration_seconds_count{").append(labels).append("} ").append(cumulative)
          .append('\n');
    });

    gauge(sb, "trawl_worker_busy", "Requests running on the trawl-worker pool.", g.workersBusy());
    gauge(sb, "trawl_worker_queue_depth", "Admitted requests waiting for a worker.", g.queueDepth());
    gauge(sb, "trawl_worker_max_in_flight", "Size of the trawl-worker pool.", g.maxInFlight());
    sb.append("# HELP trawl_rejected_requests_total Requests refused with 429 because workers and queue were full.\n");
    sb.append("# TYPE trawl_rejected_requests_total counter\n");
    sb.append("trawl_rejected_requests_total ").append(g.rejected()).append('\n');
    gauge(sb, "trawl_open_cursors", "Open paging cursors (each pins an index snapshot).", g.openCursors());

    sb.append("# HELP trawl_collection_documents Live documents per collection.\n");
    sb.append("# TYPE trawl_collection_documents gauge\n");
    for (CollectionStats c : g.collections()) {
      sb.append("trawl_collection_documents{collection=\"").append(escape(c.name())).append("\"} ")
          .append(c.documents()).append('\n');
    }
    sb.append("# HELP trawl_collection_passages Live passages (searchable units) per collection.\n");
    sb.append("# TYPE trawl_collection_passages gauge\n");
    for (CollectionStats c : g.collections()) {
      sb.append("trawl_collection_passages{collection=\"").append(escape(c.name())).append("\"} ")
          .append(c.passages()).append('\n');
    }
    sb.append("# HELP trawl_collection_size_bytes Size of each collection folder on disk.\n");
    sb.append("# TYPE trawl_collection_size_bytes gauge\n");
    for (CollectionStats c : g.collections()) {
      sb.append("trawl_collection_size_bytes{collection=\"").append(escape(c.name())).append("\"} ")
          .append(c.bytesOnDisk()).append('\n');
    }
    return sb.toString();
  }

  private Map<String, Long> sortedRequests() {
    Map<String, Long> m = new TreeMap<>();
    requests.forEach((k, n) -> m.put(routeLabels(k.route()) + ",status=\"" + k.status() + "\"", n.sum()));
    return m;
  }

  /** {@code route="/v1/...",method="POST"} from {@code POST /v1/...}. */
  private static String routeLabels(String route) {
    int sp = route.indexOf(' ');
    String method = sp < 0 ? "ANY" : route.substring(0, sp);
    String path = sp < 0 ? route : route.substring(sp + 1);
    return "route=\"" + escape(path) + "\",method=\"" + escape(method) + "\"";
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" gauge\n");
    sb.append(name).append(' ').append(value).append('\n');
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
