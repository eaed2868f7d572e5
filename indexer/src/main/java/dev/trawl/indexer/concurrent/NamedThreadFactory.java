package dev.trawl.indexer.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... so thread dumps and
 * profiles say which pool a thread belongs to, and a pool that was not closed does not keep the
 * JVM alive. Its threads run at {@link ThreadNiceness#WORKER} priority.
 */
public final class NamedThreadFactory implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  public NamedThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(ThreadNiceness.worker(task), prefix + "-" + next.getAndIncrement());
    thread.setDaemon(true);
    return thread;
  }
}
