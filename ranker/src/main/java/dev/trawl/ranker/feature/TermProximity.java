package dev.trawl.ranker.feature;

import java.util.Arrays;

/**
 * The smallest window of a field holding every matched query term: given each term's sorted
 * positions, the minimum of {@code last - first + 1} over windows that contain at least one
 * position of every term. Computed by a sweep over the merged positions, {@code O(P log P)} for
 * {@code P} positions.
 */
public final class TermProximity {
  /** Occurrences of one term looked at; bounds the cost on long passages. */
  public static final int MAX_POSITIONS = 128;

  private TermProximity() {}

  /**
   * @param positions one sorted array of positions per matched term (arrays may not be empty)
   * @return the window length, or {@link Integer#MAX_VALUE} for no terms
   */
  public static int minCoverWindow(int[][] positions) {
    int k = positions.length;
    if (k == 0) {
      return Integer.MAX_VALUE;
    }
    if (k == 1) {
      return 1;
    }
    int total = 0;
    for (int[] p : positions) {
      total += p.length;
    }
    // Encode (position, term) in one long so one sort orders by position.
    long[] merged = new long[total];
    int at = 0;
    for (int t = 0; t < k; t++) {
      for (int pos : positions[t]) {
        merged[at++] = ((long) pos << 32) | t;
      }
    }
    Arrays.sort(merged);
    int[] inWindow = new int[k];
    int covered = 0;
    int best = Integer.MAX_VALUE;
    int left = 0;
    for (int right = 0; right < total; right++) {
      int term = (int) merged[right];
      if (inWindow[term]++ == 0) {
        covered++;
      }
      while (covered == k) {
        int first = (int) (merged[left] >>> 32);
        int last = (int) (merged[right] >>> 32);
        best = Math.min(best, last - first + 1);
        int leftTerm = (int) merged[left];
        if (--inWindow[leftTerm] == 0) {
          covered--;
        }
        left++;
      }
    }
    return best;
  }
}
