package dev.trawl.indexer.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link Embedder} that remembers document vectors in an {@link EmbeddingCache}, so that
 * re-indexing unchanged text does not run the model again.
 *
 * <p>{@link #embedDocuments} looks every text up in the cache, asks the wrapped embedder only for
 * the texts it misses (each distinct text once, in one call), caches those and flushes the cache
 * to its file before returning. The vectors are the wrapped embedder's, so {@link #id()} and
 * {@link #dimension()} are the wrapped embedder's too. {@link #hits()} and {@link #misses()}
 * count document lookups.
 *
 * <p>Queries are not persisted: the last {@value #QUERY_CACHE_SIZE} distinct queries are kept in
 * memory, least recently used first out.
 *
 * <p>Thread-safe if the wrapped embedder is. {@link #close()} closes the cache and the wrapped
 * embedder.
 */
public final class CachingEmbedder implements Embedder {

  /** Number of query vectors kept in memory. */
  public static final int QUERY_CACHE_SIZE = 1024;

  private final Embedder delegate;
  private final EmbeddingCache cache;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Map<String, float[]> queries = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > QUERY_CACHE_SIZE;
    }
  };

  /**
   * Wraps {@code delegate} with {@code cache}, which must hold the delegate's vectors.
   *
   * @throws IllegalArgumentException if the cache belongs to another embedder id or dimension
   */
  public CachingEmbedder(Embedder delegate, EmbeddingCache cache) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
    if (!cache.embedderId().equals(delegate.id()) || cache.dimension() != delegate.dimension()) {
      throw new IllegalArgumentException(
          "cache holds " + cache.embedderId() + " (" + cache.dimension() + " dimensions), embedder is "
              + delegate.id() + " (" + delegate.dimension() + " dimensions)");
    }
  }

  /** Wraps {@code delegate} with its cache in {@code folder}; see {@link EmbeddingCache#open}. */
  public static CachingEmbedder open(Embedder delegate, Path folder) {
    return new CachingEmbedder(delegate, EmbeddingCache.open(folder, delegate.id(), delegate.dimension()));
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  /** Document lookups answered from the cache since this instance was created. */
  public long hits() {
    return hits.sum();
  }

  /** Document lookups the cache could not answer since this instance was created. */
  public long misses() {
    return misses.sum();
  }

  /** The cache behind this embedder. */
  public EmbeddingCache cache() {
    return cache;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    float[][] vectors = new float[texts.size()][];
    Map<String, List<Integer>> missing = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = Objects.requireNonNull(texts.get(i), "text");
      vectors[i] = cache.get(text);
      if (vectors[i] == null) {
        misses.increment();
        missing.computeIfAbsent(text, t -> new ArrayList<>(1)).add(i);
      } else {
        hits.increment();
      }
    }
    if (!missing.isEmpty()) {
      List<String> toEmbed = new ArrayList<>(missing.keySet());
      List<float[]> embedded = delegate.embedDocuments(toEmbed);
      for (int j = 0; j < toEmbed.size(); j++) {
        float[] vector = embedded.get(j);
        cache.put(toEmbed.get(j), vector);
        List<Integer> positions = missing.get(toEmbed.get(j));
        vectors[positions.get(0)] = vector;
        for (int k = 1; k < positions.size(); k++) {
          vectors[positions.get(k)] = vector.clone();
        }
      }
      cache.flush();
    }
    return List.of(vectors);
  }

  @Override
  public List<float[]> embedQueries(List<String> texts) {
    float[][] vectors = new float[texts.size()][];
    List<String> missing = new ArrayList<>();
    synchronized (queries) {
      for (int i = 0; i < texts.size(); i++) {
        float[] cached = queries.get(Objects.requireNonNull(texts.get(i), "query"));
        if (cached == null) {
          missing.add(texts.get(i));
        } else {
          vectors[i] = cached.clone();
        }
      }
    }
    if (!missing.isEmpty()) {
      List<String> distinct = missing.stream().distinct().toList();
      List<float[]> embedded = delegate.embedQueries(distinct);
      Map<String, float[]> byText = new LinkedHashMap<>();
      for (int j = 0; j < distinct.size(); j++) {
        byText.put(distinct.get(j), embedded.get(j));
      }
      synchronized (queries) {
        byText.forEach((text, vector) -> queries.put(text, vector.clone()));
      }
      for (int i = 0; i < texts.size(); i++) {
        if (vectors[i] == null) {
          vectors[i] = byText.get(texts.get(i)).clone();
        }
      }
    }
    return List.of(vectors);
  }

  /** Appends cached vectors not yet written to the cache file. */
  public void flush() {
    cache.flush();
  }

  /** Closes the cache (flushing it) and then the wrapped embedder. */
  @Override
  public void close() {
    try {
      cache.close();
    } finally {
      delegate.close();
    }
  }
}
