package dev.trawl.bench.scale;

import dev.trawl.indexer.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An {@link Embedder} of random unit vectors (Gaussian components, L2-normalised), deterministic
 * per text and seed: stands in for BGE-small when a scaling run needs 100k+ vectors and running
 * the model would take hours. The vectors carry no meaning and no cluster structure, which is
 * the hardest case for HNSW (recall at a given ef is lower than with real embeddings); graph size,
 * memory and distance cost are the same as for real 384-dimensional vectors.
 *
 * <p>Thread-safe (no state but the seed).
 */
public final class RandomVectorEmbedder implements Embedder {
  private final int dimension;
  private final long seed;

  public RandomVectorEmbedder(int dimension, long seed) {
    this.dimension = dimension;
    this.seed = seed;
  }

  @Override
  public String id() {
    return "random-unit-" + dimension + "-" + Long.toHexString(seed);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(vector(t));
    }
    return out;
  }

  @Override
  public List<float[]> embedQueries(List<String> queries) {
    return embedDocuments(queries);
  }

  private float[] vector(String text) {
    return SyntheticVectors.randomUnit(new SplittableRandom(SyntheticVectors.textSeed(text, seed)), dimension);
  }
}
