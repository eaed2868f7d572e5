package dev.trawl.bench.scale;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeded building blocks shared by the benchmarks' synthetic vectors ({@link RandomVectorEmbedder},
 * {@link MixedRealVectors}, {@link MixedVectorEmbedder}, {@code VectorSearchBenchmark}): Gaussian draws,
 * scaling to unit length, and a seed derived from a text. Stateless.
 */
public final class SyntheticVectors {
  private SyntheticVectors() {}

  /** One standard Gaussian draw (Box-Muller). */
  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** {@code components} as floats scaled to unit L2 length (the norm summed in double precision). */
  static float[] unit(double[] components) {
    float[] v = new float[components.length];
    double norm = 0;
    for (int i = 0; i < components.length; i++) {
      v[i] = (float) components[i];
      norm += components[i] * components[i];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /** A random unit vector: Gaussian components give directions uniform on the sphere. */
  public static float[] randomUnit(SplittableRandom random, int dimension) {
    double[] g = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      g[i] = gaussian(random);
    }
    return unit(g);
  }

  /**
   * A seed for {@code text}'s vector: FNV-1a (64-bit) over its UTF-8 bytes, started from {@code seed}.
   *
   * @throws IllegalArgumentException if the text is blank
   */
  static long textSeed(String text, long seed) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank text has no embedding");
    }
    long h = seed;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return h;
  }
}
