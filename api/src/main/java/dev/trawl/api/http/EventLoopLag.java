package dev.trawl.api.http;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples how late an event loop runs: a one-shot timer is set for {@value #PERIOD_MS} ms, and
 * when it fires the time past its due moment is recorded in {@link ApiMetrics} and the next
 * timer is set. Start it on the server's context so it measures the loop that parses requests
 * and answers 429s; a loop that is late here answers everything late, however cheap the work.
 */
final class EventLoopLag {
  static final long PERIOD_MS = 100;

  private final Vertx vertx;
  private final ApiMetrics metrics;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private EventLoopLag(Vertx vertx, ApiMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /** Starts sampling on the calling context's event loop. */
  static EventLoopLag start(Vertx vertx, ApiMetrics metrics) {
    EventLoopLag lag = new EventLoopLag(vertx, metrics);
    lag.schedule();
    return lag;
  }

  private void schedule() {
    long due = System.nanoTime() + PERIOD_MS * 1_000_000L;
    vertx.setTimer(PERIOD_MS, id -> {
      metrics.recordLoopLag(System.nanoTime() - due);
      if (!stopped.get()) {
        schedule();
      }
    });
  }

  void stop() {
    stopped.set(true);
  }
}
