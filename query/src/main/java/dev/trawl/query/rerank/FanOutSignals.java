package dev.trawl.query.rerank;

import dev.trawl.query.HybridSearcher;
import dev.trawl.query.fusion.Fused;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the other queries of a fan-out request say about each candidate document: how many of the
 * request's queries retrieved it (anywhere in their fused candidate lists) and the best rank any
 * of them gave it. Outside a fan-out there are no signals; features then take their single-query
 * values (1 query, the candidate's own fused rank).
 *
 * @param queries number of queries in the request
 * @param counts per document id, how many queries retrieved it
 * @param bestRanks per document id, its best 1-based rank in any query's fused list
 */
public record FanOutSignals(int queries, Map<String, Integer> counts, Map<String, Integer> bestRanks) {

  /**
   * Signals of the queries' retrieved lists, in request order; a null entry (a query that missed
   * the request's deadline) retrieved nothing.
   */
  public static FanOutSignals of(List<HybridSearcher.Retrieved> perQuery) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> best = new HashMap<>();
    for (HybridSearcher.Retrieved r : perQuery) {
      if (r == null) {
        continue;
      }
      List<Fused> fused = r.fused();
      for (int i = 0; i < fused.size(); i++) {
        String key = fused.get(i).key();
        counts.merge(key, 1, Integer::sum);
        best.merge(key, i + 1, Math::min);
      }
    }
    return new FanOutSignals(perQuery.size(), Map.copyOf(counts), Map.copyOf(best));
  }

  /** How many queries retrieved {@code docId} (0 if none did). */
  public int count(String docId) {
    return counts.getOrDefault(docId, 0);
  }

  /** The best rank of {@code docId} among the queries, or {@code fallback} if none retrieved it. */
  public int bestRank(String docId, int fallback) {
    return bestRanks.getOrDefault(docId, fallback);
  }
}
