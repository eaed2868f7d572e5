package dev.trawl.indexer.embed;

import java.util.List;

/**
 * Turns text into dense vectors for vector search.
 *
 * <p>Documents (passages) and queries are embedded by separate methods because retrieval
 * models such as BGE prepend an instruction to queries only. Every returned vector has
 * {@link #dimension()} components and is L2-normalised, so inner product equals cosine.
 *
 * <p>Implementations are thread-safe. Batch methods return one vector per input, in input order.
 * Blank text has no embedding: implementations reject it with {@link IllegalArgumentException}.
 */
public interface Embedder extends AutoCloseable {

  /** A stable identifier of model and settings, recorded in a collection's manifest (e.g. {@code bge-small-en-v1.5-q}). */
  String id();

  /** Number of components of every vector this embedder returns. */
  int dimension();

  /** Embeds passages or documents for indexing. */
  List<float[]> embedDocuments(List<String> texts);

  /** Embeds search queries (with the model's query-side instruction, if it has one). */
  List<float[]> embedQueries(List<String> queries);

  /** Convenience for a single query. */
  default float[] embedQuery(String query) {
    return embedQueries(List.of(query)).get(0);
  }

  @Override
  default void close() {}
}
