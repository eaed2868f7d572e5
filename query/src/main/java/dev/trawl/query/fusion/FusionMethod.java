package dev.trawl.query.fusion;

import java.util.Locale;

/** How ranked lists from several retrievers (or queries) are combined. */
public enum FusionMethod {
  /** Reciprocal rank fusion: {@code sum 1/(k + rank)}; needs no score calibration. */
  RRF,
  /** Min-max normalised scores, weighted sum. */
  LINEAR;

  public static FusionMethod parse(String s) {
    if (s == null || s.isBlank()) {
      return RRF;
    }
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown fusion '" + s + "'; use rrf or linear");
    }
  }
}
