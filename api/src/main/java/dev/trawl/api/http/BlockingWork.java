package dev.trawl.api.http;

import dev.trawl.api.service.ServiceException;
import dev.trawl.indexer.concurrent.ThreadNiceness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs blocking service calls on the named {@code trawl-worker} pool with bounded admission:
 * at most {@code maxInFlight} run at once and at most {@code maxQueued} wait; a call beyond
 * that fails at once with {@link ServiceException.Overloaded} (429 with Retry-After) instead
 * of joining an unbounded queue.
 *
 * <p>The pool is a Vert.x shared worker executor named {@value #POOL_NAME}: servers on one
 * {@code Vertx} instance share it (sized by the first), which is what a process with one server
 * wants.
 */
public final class BlockingWork implements AutoCloseable {
  public static final String POOL_NAME = "trawl-worker";

  private final WorkerExecutor executor;
  private final int maxInFlight;
  private final int maxQueued;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final LongAdder rejected = new LongAdder();

  public BlockingWork(Vertx vertx, int maxInFlight, int maxQueued) {
    this.executor = vertx.createSharedWorkerExecutor(POOL_NAME, maxInFlight, 10, TimeUnit.MINUTES);
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  /** Runs {@code work} on a worker, or fails with {@link ServiceException.Overloaded} when full. */
  public <T> Future<T> submit(Callable<T> work) {
    if (admitted.incrementAndGet() > maxInFlight + maxQueued) {
      admitted.decrementAndGet();
      rejected.increment();
      return Future.failedFuture(new ServiceException.Overloaded("the server is busy: " + maxInFlight
          + " requests are running and " + maxQueued + " are queued; retry after the Retry-After delay", 1));
    }
    return executor.<T>executeBlocking(() -> {
      ThreadNiceness.apply(ThreadNiceness.WORKER); // Vert.x makes the threads; once per thread
      running.incrementAndGet();
      try {
        return work.call();
      } finally {
        running.decrementAndGet();
      }
    }, false).andThen(x -> admitted.decrementAndGet());
  }

  public int running() {
    return running.get();
  }

  /** Admitted requests not yet running. */
  public int queued() {
    return Math.max(0, admitted.get() - running.get());
  }

  /** Admitted requests not yet finished. */
  public int admitted() {
    return admitted.get();
  }

  public long rejected() {
    return rejected.sum();
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public void close() {
    executor.close();
  }
}
