package dev.trawl.query;

import java.util.Locale;

/** Which retrievers answer a search. */
public enum SearchMode {
  /** BM25 only. */
  LEXICAL,
  /** Vector kNN only. */
  VECTOR,
  /** Both, fused (the default). */
  HYBRID;

  /** Parses {@code lexical}, {@code vector} or {@code hybrid} (any case). */
  public static SearchMode parse(String s) {
    if (s == null || s.isBlank()) {
      return HYBRID;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown mode '" + s + "'; use one of: lexical, vector, hybrid");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
