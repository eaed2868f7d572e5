package dev.trawl.ranker.eval;

import dev.trawl.query.SearchMode;
import java.util.Locale;

/**
 * One way of answering the queries of an experiment: a retrieval mode, with or without the
 * collection's learned reranker.
 *
 * @param label the run's name in tables, file names and run tags
 * @param mode the retrievers
 * @param rerank whether the learned reranker reorders the fused list (hybrid only)
 */
public record RunSpec(String label, SearchMode mode, boolean rerank) {
  public static final RunSpec LEXICAL = new RunSpec("lexical", SearchMode.LEXICAL, false);
  public static final RunSpec VECTOR = new RunSpec("vector", SearchMode.VECTOR, false);
  public static final RunSpec HYBRID = new RunSpec("hybrid", SearchMode.HYBRID, false);
  public static final RunSpec RERANKED = new RunSpec("rerank", SearchMode.HYBRID, true);

  /** The plain run of a retrieval mode. */
  public static RunSpec of(SearchMode mode) {
    return switch (mode) {
      case LEXICAL -> LEXICAL;
      case VECTOR -> VECTOR;
      case HYBRID -> HYBRID;
    };
  }

  /**
   * Parses {@code lexical} (or {@code bm25}), {@code vector}, {@code hybrid}, and {@code rerank}
   * (or {@code hybrid+rerank}, {@code reranked}): hybrid retrieval reordered by the learned reranker.
   */
  public static RunSpec parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "bm25" -> LEXICAL;
      case "rerank", "reranked", "hybrid+rerank", "hybrid+reranker" -> RERANKED;
      default -> {
        try {
          yield of(SearchMode.parse(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown mode '" + s + "'; use lexical, vector, hybrid or rerank");
        }
      }
    };
  }
}
