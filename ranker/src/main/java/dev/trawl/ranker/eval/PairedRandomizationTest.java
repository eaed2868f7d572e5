package dev.trawl.ranker.eval;

import java.util.SplittableRandom;

/**
 * A paired, two-sided randomization (permutation) test of the difference of two systems' mean
 * per-query scores, the significance test used in IR since Smucker, Allan and Carterette (CIKM
 * 2007).
 *
 * <p>Null hypothesis: the two systems are exchangeable, so for each query the label "baseline" or
 * "candidate" of its two scores could be swapped without changing the distribution. Statistic:
 * {@code |sum_i d_i|} with {@code d_i = candidate_i - baseline_i} (equivalent to the absolute
 * difference of means). Each of the {@code permutations} rounds swaps every pair independently
 * with probability 1/2 (flips the sign of {@code d_i}); the p-value is {@code (c + 1) / (B + 1)},
 * where {@code c} counts rounds whose statistic is at least the observed one and {@code B} is the
 * number of rounds. The {@code + 1} counts the observed labelling as one of the permutations,
 * which keeps the Monte Carlo p-value valid (never 0) and makes identical inputs give exactly 1.0.
 * A permuted statistic within the floating-point summation error bound of the observed one
 * ({@code 2 n ulp(1) sum_i |d_i|}) counts as at least as extreme, so permutations that tie
 * mathematically are not lost to rounding.
 *
 * <p>Random signs come from a {@link SplittableRandom} created from the seed on every call, so a
 * p-value depends only on the inputs, the seed and the number of permutations: results are
 * reproducible and independent of call order. Swapping the two inputs gives the same p-value.
 * Instances are immutable and thread-safe.
 */
public final class PairedRandomizationTest {
  /** The default number of permutations. */
  public static final int DEFAULT_PERMUTATIONS = 10_000;

  private final long seed;
  private final int permutations;

  /** A test with {@link #DEFAULT_PERMUTATIONS} rounds. */
  public PairedRandomizationTest(long seed) {
    this(seed, DEFAULT_PERMUTATIONS);
  }

  /**
   * @param seed seed of the random sign flips
   * @param permutations number of random relabellings, at least 1
   */
  public PairedRandomizationTest(long seed, int permutations) {
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1, got " + permutations);
    }
    this.seed = seed;
    this.permutations = permutations;
  }

  public long seed() {
    return seed;
  }

  public int permutations() {
    return permutations;
  }

  /**
   * The two-sided p-value for the difference between paired scores.
   *
   * @param baseline per-query scores of the first system
   * @param candidate per-query scores of the second system, same queries in the same order
   * @return a p-value in {@code [1 / (permutations + 1), 1]}; exactly 1.0 when the inputs are
   *     equal
   * @throws IllegalArgumentException if the arrays differ in length or hold a non-finite value
   */
  public double pValue(double[] baseline, double[] candidate) {
    if (baseline.length != candidate.length) {
      throw new IllegalArgumentException(
          "paired scores differ in length: " + baseline.length + " vs " + candidate.length);
    }
    int n = baseline.length;
    double[] d = new double[n];
    double observed = 0.0;
    double magnitude = 0.0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(baseline[i]) || !Double.isFinite(candidate[i])) {
        throw new IllegalArgumentException("non-finite score at index " + i);
      }
      d[i] = candidate[i] - baseline[i];
      observed += d[i];
      magnitude += Math.abs(d[i]);
    }
    observed = Math.abs(observed);
    if (magnitude == 0.0) {
      return 1.0;
    }
    double threshold = observed - 2.0 * n * Math.ulp(1.0) * magnitude;
    SplittableRandom random = new SplittableRandom(seed);
    int atLeastAsExtreme = 0;
    for (int p = 0; p < permutations; p++) {
      double sum = 0.0;
      long signs = 0;
      for (int i = 0; i < n; i++) {
        if ((i & 63) == 0) {
          signs = random.nextLong();
        }
        sum += (signs & 1L) == 0 ? d[i] : -d[i];
        signs >>>= 1;
      }
      if (Math.abs(sum) >= threshold) {
        atLeastAsExtreme++;
      }
    }
    return (atLeastAsExtreme + 1.0) / (permutations + 1.0);
  }

  @Override
  public String toString() {
    return "PairedRandomizationTest[seed=" + seed + ", permutations=" + permutations + "]";
  }
}
