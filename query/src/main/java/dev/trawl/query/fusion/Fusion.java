package dev.trawl.query.fusion;

import java.util.List;

/**
 * Combines ranked lists into one. Keys that occur in several lists are merged; the result is
 * sorted by fused score descending, ties broken by key so that results are deterministic.
 */
public interface Fusion {
  List<Fused> fuse(List<RankedList> lists);

  /** The fusion for {@code method} with default parameters ({@code k=60} for RRF, equal weights for linear). */
  static Fusion of(FusionMethod method) {
    return switch (method) {
      case RRF -> new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K);
      case LINEAR -> new NormalizedScoreFusion();
    };
  }
}
