package dev.trawl.indexer.collection;

import java.util.concurrent.atomic.LongAdder;

/** Cumulative wall time spent in each indexing stage, for progress reports and benchmarks. */
public final class WriteTimings {
  final LongAdder chunkNanos = new LongAdder();
  final LongAdder embedNanos = new LongAdder();
  final LongAdder luceneNanos = new LongAdder();
  final LongAdder graphNanos = new LongAdder();
  final LongAdder commitNanos = new LongAdder();
  final LongAdder passages = new LongAdder();

  /** A copy of the current values. */
  public Snapshot snapshot() {
    return new Snapshot(chunkNanos.sum(), embedNanos.sum(), luceneNanos.sum(), graphNanos.sum(),
        commitNanos.sum(), passages.sum());
  }

  /** Stage times in nanoseconds and the number of passages written. */
  public record Snapshot(long chunkNanos, long embedNanos, long luceneNanos, long graphNanos, long commitNanos,
      long passages) {
    public long totalNanos() {
      return chunkNanos + embedNanos + luceneNanos + graphNanos + commitNanos;
    }
  }
}
