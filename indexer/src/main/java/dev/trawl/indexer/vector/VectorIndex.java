package dev.trawl.indexer.vector;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Approximate nearest-neighbour index over passage vectors, derived from the Lucene index.
 *
 * <p>It is a rebuildable cache: it is saved with a {@link VectorIndexStamp} naming the Lucene
 * commit it reflects, and brought up to date from Lucene when stale. Every entry carries a
 * version (the passage's write sequence); an update with an older version than the stored one
 * is ignored, so catching up is idempotent.
 *
 * <p>Implementations are thread-safe: searches may run while entries are added or removed.
 * Vectors must be L2-normalised; similarity is the inner product.
 */
public interface VectorIndex extends Closeable {

  int dimension();

  /** Number of live entries. */
  int size();

  /** Adds or replaces the vector of {@code passageId}. */
  void upsert(String passageId, String docId, float[] vector, long version);

  /** Removes {@code passageId} if present. */
  void remove(String passageId);

  /** The stored version of {@code passageId}, or -1 when absent. */
  long version(String passageId);

  /** Visits every entry's passage id and version (for reconciliation with Lucene). */
  void forEachEntry(java.util.function.ObjLongConsumer<String> visitor);

  /**
   * Approximate search. {@code ef} is the size of the dynamic candidate list (larger: better
   * recall, slower); the effective ef is {@code max(ef, k)}.
   */
  List<VectorHit> search(float[] query, int k, int ef);

  /** Exact search over the entries whose passage id passes {@code allowed} (null means all). */
  List<VectorHit> searchExact(float[] query, int k, Predicate<String> allowed);

  /** Writes the index and its stamp to {@code dir}, atomically replacing an earlier save. */
  void save(Path dir, VectorIndexStamp stamp) throws IOException;
}
