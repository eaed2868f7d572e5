package dev.trawl.query;

import java.util.Locale;

/** What a search explains about each hit, beyond its ranks per retriever. */
public enum Explain {
  /** Nothing extra (the default). */
  NONE,
  /**
   * Each hit carries the reranker's feature vector ({@link SearchHit#features()}), named as in
   * the feature schema. Needs a reranking stage (the ranker module's); without one hits carry none.
   */
  FEATURES;

  /** Parses {@code none} or {@code features} (any case); null or blank is {@link #NONE}. */
  public static Explain parse(String s) {
    if (s == null || s.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown explain '" + s + "'; use none or features");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
