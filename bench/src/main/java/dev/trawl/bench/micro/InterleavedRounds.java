package dev.trawl.bench.micro;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Side-by-side timing for a shared, noisy machine: the contenders run one input at a time in
 * rotating order (input 0: A B C, input 1: B C A, ...), so load from other processes falls on
 * all of them alike, which JMH's one-method-after-another runs cannot ensure. Each round covers
 * every input once; a round's ratio is the contenders' total times over that round, and the
 * reported figure is the median over rounds.
 *
 * <p>Not thread-safe; results are per instance.
 */
final class InterleavedRounds {
  private final String[] names;
  private final IntConsumer[] contenders;
  private final int inputs;

  /** @param contenders each runs input {@code i} (0-based) once; index 0 is the baseline of ratios */
  InterleavedRounds(int inputs, String[] names, IntConsumer... contenders) {
    this.names = names;
    this.contenders = contenders;
    this.inputs = inputs;
  }

  /** Nanoseconds per round and contender: {@code [round][contender]}. */
  long[][] run(int warmupRounds, int rounds) {
    long[][] out = new long[rounds][contenders.length];
    for (int r = 0; r < warmupRounds + rounds; r++) {
      long[] total = new long[contenders.length];
      for (int i = 0; i < inputs; i++) {
        for (int j = 0; j < contenders.length; j++) {
          int c = (i + j) % contenders.length;
          long t = System.nanoTime();
          contenders[c].accept(i);
          total[c] += System.nanoTime() - t;
        }
      }
      if (r >= warmupRounds) {
        out[r - warmupRounds] = total;
      }
    }
    return out;
  }

  /** One line per contender: median microseconds per input, and median / min / max ratio to contender 0. */
  String report(long[][] perRound) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < contenders.length; c++) {
      double[] us = new double[perRound.length];
      double[] ratio = new double[perRound.length];
      for (int r = 0; r < perRound.length; r++) {
        us[r] = perRound[r][c] / 1e3 / inputs;
        ratio[r] = perRound[r][c] / (double) perRound[r][0];
      }
      b.append(String.format("  %-28s %10.1f us/input   ratio to %s: median %.2f (min %.2f, max %.2f)%n", names[c],
          median(us), names[0], median(ratio), Arrays.stream(ratio).min().orElse(0),
          Arrays.stream(ratio).max().orElse(0)));
    }
    return b.toString();
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double medianRatio(long[][] perRound, int contender, int baseline) {
    double[] ratio = new double[perRound.length];
    for (int r = 0; r < perRound.length; r++) {
      ratio[r] = perRound[r][contender] / (double) perRound[r][baseline];
    }
    return median(ratio);
  }
}
