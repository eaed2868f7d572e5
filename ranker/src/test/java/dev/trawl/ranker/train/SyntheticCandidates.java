package dev.trawl.ranker.train;

import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.feature.RankingFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Learning-to-rank data with a known signal, for tests that need no index: relevance depends on
 * two feature columns (plus noise), some values are missing, and candidates come in fused order
 * that only weakly follows relevance, so a model has something to improve.
 */
final class SyntheticCandidates {
  private SyntheticCandidates() {}

  static List<QueryCandidates> generate(Random random, String prefix, int queries, int perQuery) {
    int cols = RankingFeature.schema().size();
    List<QueryCandidates> out = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      float[] values = new float[perQuery * cols];
      int[] labels = new int[perQuery];
      List<String> docs = new ArrayList<>();
      for (int i = 0; i < perQuery; i++) {
        for (int c = 0; c < cols; c++) {
          values[i * cols + c] = random.nextFloat();
        }
        float signal = values[i * cols + RankingFeature.BM25_TITLE.column()]
            + values[i * cols + RankingFeature.VECTOR_SIMILARITY.column()] + 0.3f * (float) random.nextGaussian();
        labels[i] = signal > 1.5f ? 1 : 0;
        if (random.nextInt(10) == 0) {
          values[i * cols + RankingFeature.LEXICAL_RANK.column()] = Float.NaN;
        }
        values[i * cols + RankingFeature.FUSED_RANK.column()] = i + 1;
        docs.add(prefix + q + "-d" + i);
      }
      out.add(new QueryCandidates(prefix + q, new FeatureMatrix(RankingFeature.schema(), docs, values), labels));
    }
    return out;
  }

  /** Qrels holding the relevant candidates of {@code queries}. */
  static Qrels qrels(List<QueryCandidates> queries) {
    Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
    for (QueryCandidates q : queries) {
      Map<String, Integer> row = new LinkedHashMap<>();
      for (int i = 0; i < q.size(); i++) {
        row.put(q.features().docIds().get(i), q.labels()[i]);
      }
      m.put(q.queryId(), row);
    }
    return Qrels.of(m);
  }
}
