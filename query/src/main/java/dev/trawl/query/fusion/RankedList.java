package dev.trawl.query.fusion;

import java.util.List;

/**
 * One retriever's (or one query's) ranking: keys best first, with their raw scores.
 *
 * @param weight this list's weight in fusion (1 for equal weighting)
 */
public record RankedList(List<String> keys, float[] scores, double weight) {
  public RankedList {
    if (keys.size() != scores.length) {
      throw new IllegalArgumentException("keys and scores differ in length");
    }
  }

  public int size() {
    return keys.size();
  }
}
