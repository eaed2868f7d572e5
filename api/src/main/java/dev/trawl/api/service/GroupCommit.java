package dev.trawl.api.service;

import dev.trawl.indexer.collection.DocumentCollection;
import java.io.IOException;

/**
 * Makes writes to one collection durable, sharing commits between concurrent writers: a writer
 * calls {@link #awaitDurable()} after its write returned, and returns once a commit that
 * started after that point has completed. While one commit runs, the writers that arrive wait
 * and are then all covered by the next single commit, so N concurrent writers cost about two
 * fsyncs rather than N.
 *
 * <p>Thread-safe. Blocks the calling thread (run it on a worker pool).
 */
final class GroupCommit {
  private final DocumentCollection collection;
  private long registered;
  private long durable;
  private boolean committing;

  GroupCommit(DocumentCollection collection) {
    this.collection = collection;
  }

  /** Returns once every write this thread completed before the call is committed. */
  void awaitDurable() throws IOException {
    long mine;
    synchronized (this) {
      mine = ++registered;
    }
    while (true) {
      long target;
      synchronized (this) {
        while (committing && durable < mine) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a commit", e);
          }
        }
        if (durable >= mine) {
          return;
        }
        committing = true;
        // Every write registered so far had completed before it registered: this commit covers it.
        target = registered;
      }
      boolean ok = false;
      try {
        collection.commit();
        ok = true;
      } finally {
        synchronized (this) {
          committing = false;
          if (ok) {
            durable = Math.max(durable, target);
          }
          notifyAll();
        }
      }
    }
  }
}
