package dev.trawl.ranker.eval;

import java.util.Objects;

/**
 * One retrieved document of a ranked list.
 *
 * @param docId the document id
 * @param rank 1-based position in the ranked list of its query
 * @param score the retrieval score; higher ranks first. Finite.
 */
public record RunEntry(String docId, int rank, double score) {
  public RunEntry {
    Objects.requireNonNull(docId, "docId");
    if (rank < 1) {
      throw new IllegalArgumentException("rank must be >= 1, got " + rank);
    }
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, got " + score);
    }
  }
}
