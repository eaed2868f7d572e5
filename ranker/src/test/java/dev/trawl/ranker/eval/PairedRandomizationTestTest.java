package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class PairedRandomizationTestTest {

  private static double[] uniform(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble();
    }
    return x;
  }

  @Test
  void identicalRunsGivePValueOne(Random random) {
    double[] x = uniform(random, 300);

    assertEquals(1.0, new PairedRandomizationTest(random.nextLong()).pValue(x, x.clone()));
  }

  @Test
  void differencesThatCancelGivePValueOne() {
    // Observed |sum d| = 0, and every relabelling reaches at least 0.
    double[] x = {0.5, 0.5, 0.2, 0.9};
    double[] y = {0.7, 0.3, 0.4, 0.7}; // d = +0.2, -0.2, +0.2, -0.2

    assertEquals(1.0, new PairedRandomizationTest(1).pValue(x, y));
  }

  @Test
  void clearlyBetterRunGivesTheSmallestPossiblePValue(Random random) {
    // Better on all 50 queries: only the all-positive and all-negative sign patterns (2 of 2^50)
    // reach the observed statistic, so no random relabelling does and p = 1 / (B + 1).
    double[] x = uniform(random, 50);
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      y[i] = x[i] + 0.05 + 0.1 * random.nextDouble();
    }

    double p = new PairedRandomizationTest(random.nextLong()).pValue(x, y);

    assertEquals(1.0 / 10_001, p);
  }

  @Test
  void sameSeedGivesSamePValueAndSwappingInputsToo(Random random) {
    double[] x = uniform(random, 40);
    double[] y = uniform(random, 40);
    long seed = random.nextLong();
    PairedRandomizationTest test = new PairedRandomizationTest(seed, 2_000);

    double p = test.pValue(x, y);

    assertEquals(p, new PairedRandomizationTest(seed, 2_000).pValue(x, y));
    assertEquals(p, test.pValue(y, x));
    assertTrue(p > 0 && p <= 1);
  }

  @Test
  void matchesExactDistributionOfThreeEqualWins() {
    // d = (1, 1, 1): |sum| = 3 only for the 2 of 8 sign patterns with equal signs, so the exact
    // p-value is 0.25. The Monte Carlo estimate with 100,000 rounds has standard error 0.0014.
    double p =
        new PairedRandomizationTest(42, 100_000)
            .pValue(new double[] {0, 0, 0}, new double[] {1, 1, 1});

    assertEquals(0.25, p, 0.01);
  }

  @RepeatedTest(5)
  void agreesWithExhaustiveEnumerationOnSmallInputs(Random random) {
    int n = 2 + random.nextInt(10);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      // Values on a coarse grid, so that ties between sign patterns happen.
      x[i] = random.nextInt(5) / 4.0;
      y[i] = random.nextInt(5) / 4.0;
    }

    double estimate = new PairedRandomizationTest(random.nextLong(), 20_000).pValue(x, y);

    // Standard error at most 0.0036; 0.02 is over 5 of them.
    assertEquals(exactPValue(x, y), estimate, 0.02);
  }

  /** The exact permutation p-value over all 2^n sign patterns. */
  private static double exactPValue(double[] x, double[] y) {
    int n = x.length;
    double observed = 0;
    for (int i = 0; i < n; i++) {
      observed += y[i] - x[i];
    }
    observed = Math.abs(observed);
    int atLeast = 0;
    for (int mask = 0; mask < (1 << n); mask++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += ((mask >> i) & 1) == 0 ? y[i] - x[i] : x[i] - y[i];
      }
      if (Math.abs(sum) >= observed - 1e-9) {
        atLeast++;
      }
    }
    return (double) atLeast / (1 << n);
  }

  @Test
  void rejectsMismatchedOrNonFiniteInput() {
    PairedRandomizationTest test = new PairedRandomizationTest(0);

    assertThrows(IllegalArgumentException.class, () -> test.pValue(new double[1], new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> test.pValue(new double[] {Double.NaN}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new PairedRandomizationTest(0, 0));
  }
}
