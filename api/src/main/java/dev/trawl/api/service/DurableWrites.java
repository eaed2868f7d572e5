package dev.trawl.api.service;

import dev.trawl.indexer.collection.DocumentCollection;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Makes completed writes durable, one {@link GroupCommit} per collection, so every writer of a
 * process (documents, bulk, transcripts) shares commits with the others: N concurrent writers
 * cost about two fsyncs, not N. Share one instance between the services of a server.
 *
 * <p>Thread-safe. {@link #await} blocks (run it on a worker pool).
 */
public final class DurableWrites {
  private final Map<DocumentCollection, GroupCommit> commits = Collections.synchronizedMap(new WeakHashMap<>());

  /** Returns once every write the calling thread completed on {@code collection} before the call is committed. */
  public void await(DocumentCollection collection) throws IOException {
    commits.computeIfAbsent(collection, GroupCommit::new).awaitDurable();
  }
}
