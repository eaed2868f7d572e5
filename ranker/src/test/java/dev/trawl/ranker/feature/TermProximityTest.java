package dev.trawl.ranker.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.testing.SeededRandomExtension;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class TermProximityTest {
  @Test
  void handExamples() {
    assertEquals(Integer.MAX_VALUE, TermProximity.minCoverWindow(new int[0][]));
    assertEquals(1, TermProximity.minCoverWindow(new int[][] {{7, 9}}));
    // cat at 0, 3, 9 and fish at 5: the window 3..5 holds both.
    assertEquals(3, TermProximity.minCoverWindow(new int[][] {{0, 3, 9}, {5}}));
    // adjacent terms
    assertEquals(2, TermProximity.minCoverWindow(new int[][] {{4}, {5}}));
    // three terms, best window at the end: a@10 b@11 c@12
    assertEquals(3, TermProximity.minCoverWindow(new int[][] {{0, 10}, {5, 11}, {1, 12}}));
  }

  @Test
  void agreesWithBruteForce(Random random) {
    for (int round = 0; round < 300; round++) {
      int k = 2 + random.nextInt(4);
      int[][] positions = new int[k][];
      for (int t = 0; t < k; t++) {
        TreeSet<Integer> set = new TreeSet<>();
        int count = 1 + random.nextInt(6);
        while (set.size() < count) {
          set.add(random.nextInt(60));
        }
        positions[t] = set.stream().mapToInt(Integer::intValue).toArray();
      }
      assertEquals(bruteForce(positions), TermProximity.minCoverWindow(positions));
    }
  }

  /** Tries every window [lo, hi] and checks that each term has a position inside it. */
  private static int bruteForce(int[][] positions) {
    int best = Integer.MAX_VALUE;
    for (int lo = 0; lo < 60; lo++) {
      for (int hi = lo; hi < 60; hi++) {
        boolean all = true;
        for (int[] p : positions) {
          boolean in = false;
          for (int x : p) {
            in |= x >= lo && x <= hi;
          }
          all &= in;
        }
        if (all) {
          best = Math.min(best, hi - lo + 1);
        }
      }
    }
    return best;
  }
}
