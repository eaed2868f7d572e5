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
 *
 * <p>Two series show whether overload is shed quickly: {@code trawl_http_shed_duration_seconds}
 * (time from arrival to the end of a 429 or 503, i.e. what a refused client waits for inside
 * the server) and {@code trawl_event_loop_lag_seconds} (how late the server's event loop ran a
 * timer, sampled every {@value EventLoopLag#PERIOD_MS} ms). A client that waits long for a 429
 * while both stay small is waiting outside the server: in the kernel's accept queue, or for CPU
 * the whole process does not get.
 */
public final class ApiMetrics {
  /** Histogram bucket upper bounds in seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  /** Finer bounds for shedding and event-loop lag, which should stay around a millisecond. */
  static final double[] FINE_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  private record Key(String route, String status) {}

  private static final class Histogram {
    final double[] bounds;
    final AtomicLongArray counts;
    final LongAdder sumNanos = new LongAdder();

    Histogram(double[] bounds) {
      this.bounds = bounds;
      this.counts = new AtomicLongArray(bounds.length + 1);
    }

    void observe(long nanos) {
      double s = nanos / 1e9;
      int i = 0;
      while (i < bounds.length && s > bounds[i]) {
        i++;
      }
      counts.incrementAndGet(i);
      sumNanos.add(nanos);
    }

    /** Upper bound of the bucket holding quantile {@code q}, in seconds; infinite past the last bound, 0 when empty. */
    double quantileBound(double q) {
      long total = 0;
      for (int i = 0; i < counts.length(); i++) {
        total += counts.get(i);
      }
      if (total == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(q * total);
      long cumulative = 0;
      for (int i = 0; i < counts.length(); i++) {
        cumulative += counts.get(i);
        if (cumulative >= rank) {
          return i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY;
        }
      }
      return Double.POSITIVE_INFINITY;
    }

    void write(StringBuilder sb, String name, String labels) {
      String open = labels.isEmpty() ? "{" : "{" + labels + ",";
      long cumulative = 0;
      for (int i = 0; i <= bounds.length; i++) {
        cumulative += counts.get(i);
        String le = i < bounds.length ? format(bounds[i]) : "+Inf";
        sb.append(name).append("_bucket").append(open).append("le=\"").append(le).append("\"} ").append(cumulative)
            .append('\n');
      }
      String closed = labels.isEmpty() ? "" : "{" + labels + "}";
      sb.append(name).append("_sum").append(closed).append(' ').append(format(sumNanos.sum() / 1e9)).append('\n');
      sb.append(name).append("_count").append(closed).append(' ').append(cumulative).append('\n');
    }
  }

  private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Histogram shed = new Histogram(FINE_BUCKETS);
  private final Histogram loopLag = new Histogram(FINE_BUCKETS);

  /** Records one finished request of route template {@code route} (e.g. {@code GET /health}). */
  public void record(String route, int status, long nanos) {
    requests.computeIfAbsent(new Key(route, Integer.toString(status)), k -> new LongAdder()).increment();
    latency.computeIfAbsent(route, k -> new Histogram(BUCKETS)).observe(nanos);
    if (status == 429 || status == 503) {
      shed.observe(nanos);
    }
  }

  /** Records how late the event loop ran a timer due {@code nanos} earlier. */
  public void recordLoopLag(long nanos) {
    loopLag.observe(Math.max(0, nanos));
  }

  /** Bucket bound (seconds) under which fraction {@code q} of 429/503 answers were finished. */
  public double shedQuantileBound(double q) {
    return shed.quantileBound(q);
  }

  /** Bucket bound (seconds) under which fraction {@code q} of event-loop lag samples fell. */
  public double loopLagQuantileBound(double q) {
    return loopLag.quantileBound(q);
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
    new TreeMap<>(latency).forEach((route, h) ->
        h.write(sb, "trawl_http_request_duration_seconds", routeLabels(route)));
    sb.append("# HELP trawl_http_shed_duration_seconds Time from arrival to the end of a 429 or 503 answer.\n");
    sb.append("# TYPE trawl_http_shed_duration_seconds histogram\n");
    shed.write(sb, "trawl_http_shed_duration_seconds", "");
    sb.append("# HELP trawl_event_loop_lag_seconds How late the server's event loop ran a periodic timer.\n");
    sb.append("# TYPE trawl_event_loop_lag_seconds histogram\n");
    loopLag.write(sb, "trawl_event_loop_lag_seconds", "");

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
