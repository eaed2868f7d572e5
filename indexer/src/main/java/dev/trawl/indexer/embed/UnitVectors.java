package dev.trawl.indexer.embed;

/** Scaling vectors to unit L2 length, as {@link Embedder} promises. */
final class UnitVectors {

  private UnitVectors() {}

  /**
   * Scales {@code vector} in place to unit L2 length and returns it.
   *
   * @throws IllegalArgumentException if the vector is all zeros or not finite
   */
  static float[] normalize(float[] vector) {
    double sumOfSquares = 0;
    for (float v : vector) {
      sumOfSquares += (double) v * v;
    }
    if (!(sumOfSquares > 0) || Double.isInfinite(sumOfSquares)) {
      throw new IllegalArgumentException("cannot normalise a vector of squared length " + sumOfSquares);
    }
    float scale = (float) (1.0 / Math.sqrt(sumOfSquares));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }
}
