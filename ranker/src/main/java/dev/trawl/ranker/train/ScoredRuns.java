package dev.trawl.ranker.train;

import dev.trawl.ranker.eval.Run;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns per-query candidate scores into runs, breaking score ties by fused rank. */
public final class ScoredRuns {
  private ScoredRuns() {}

  /**
   * A run ranking each query's candidates by {@code scores} (aligned with the candidates of
   * {@code queries}, concatenated), ties in fused order. Scores in the run are positional
   * ({@code n - i}), so the order survives TREC's score-then-doc-id sort.
   */
  public static Run byScore(String tag, List<QueryCandidates> queries, float[] scores) {
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    int at = 0;
    for (QueryCandidates q : queries) {
      int n = q.size();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      final int base = at;
      Arrays.sort(order, (a, b) -> {
        int c = Float.compare(scores[base + b], scores[base + a]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      rankings.put(q.queryId(), Arrays.stream(order).map(i -> q.features().docIds().get(i)).toList());
      at += n;
    }
    return Run.fromRankings(tag, rankings);
  }

  /** The candidates in fused order: the hybrid baseline restricted to the same candidates. */
  public static Run fused(String tag, List<QueryCandidates> queries) {
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    for (QueryCandidates q : queries) {
      rankings.put(q.queryId(), q.features().docIds());
    }
    return Run.fromRankings(tag, rankings);
  }
}
