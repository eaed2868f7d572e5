package dev.trawl.bench.scale;

import dev.trawl.indexer.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An {@link Embedder} of {@link MixedRealVectors}: each text gets a vector mixed from two real
 * passage embeddings of a base set, chosen by a hash of the text and the seed, so the same text
 * always gets the same vector. Stands in for BGE-small in scaling runs too large to embed, with
 * the neighbourhood structure of real embeddings rather than of random vectors; the vectors carry
 * no relation to the text's meaning, so only sizes and speeds, never relevance, are measured with
 * it.
 *
 * <p>Thread-safe (the base set is never modified).
 */
public final class MixedVectorEmbedder implements Embedder {
  private final float[][] base;
  private final long seed;

  /** @param base real unit vectors of one dimension, at least two; not copied, not to be modified */
  public MixedVectorEmbedder(float[][] base, long seed) {
    if (base.length < 2) {
      throw new IllegalArgumentException("need at least 2 base vectors, got " + base.length);
    }
    this.base = base;
    this.seed = seed;
  }

  @Override
  public String id() {
    return "mixed-real-" + base[0].length + "-" + base.length + "-" + Long.toHexString(seed);
  }

  @Override
  public int dimension() {
    return base[0].length;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(MixedRealVectors.mix(base, new SplittableRandom(SyntheticVectors.textSeed(t, seed))));
    }
    return out;
  }

  @Override
  public List<float[]> embedQueries(List<String> queries) {
    return embedDocuments(queries);
  }
}
