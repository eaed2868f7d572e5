package dev.trawl.query.rerank;

import dev.trawl.indexer.collection.CollectionSnapshot;

/**
 * Finds the reranker of a collection (a model is stored per collection).
 *
 * <p>Thread-safe.
 */
@FunctionalInterface
public interface Rerankers {
  /** No reranking anywhere. */
  Rerankers NONE = snapshot -> null;

  /**
   * The reranker for the collection {@code snapshot} belongs to, or null when it has none (its
   * fused order is served).
   *
   * @throws RuntimeException with a message saying what to do, when the collection has a model
   *     that cannot be used (for example one trained with other features)
   */
  Reranker forCollection(CollectionSnapshot snapshot);
}
