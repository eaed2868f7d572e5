package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checks the metrics on random rankings against invariants and a literal trec_eval port. */
@ExtendWith(SeededRandomExtension.class)
class MetricPropertiesTest {
  private static final int[] CUTOFFS = {1, 2, 3, 5, 10, 20, 1000};

  /** A random query: judgments with grades -1..3 over a small pool, and a ranking over it. */
  private record Case(List<String> ranking, Map<String, Integer> judgments) {
    static Case random(Random random) {
      int pool = 1 + random.nextInt(40);
      Map<String, Integer> judgments = new LinkedHashMap<>();
      List<String> docs = new ArrayList<>();
      for (int i = 0; i < pool; i++) {
        String doc = "d" + i;
        docs.add(doc);
        if (random.nextInt(3) > 0) {
          judgments.put(doc, random.nextInt(5) - 1);
        }
      }
      Collections.shuffle(docs, random);
      return new Case(docs.subList(0, random.nextInt(pool + 1)), judgments);
    }
  }

  @RepeatedTest(20)
  void ndcgEqualsTrecEvalLevelCountingAlgorithm(Random random) {
    for (int round = 0; round < 50; round++) {
      Case c = Case.random(random);
      for (int k : CUTOFFS) {
        assertEquals(
            trecEvalNdcgCut(c.ranking(), c.judgments(), k),
            new NdcgAtK(k).score(c.ranking(), c.judgments()),
            1e-12,
            c + " k=" + k);
      }
    }
  }

  @RepeatedTest(20)
  void metricsStayInRangeAndRespectTheirDefinitions(Random random) {
    for (int round = 0; round < 50; round++) {
      Case c = Case.random(random);
      List<String> ranking = c.ranking();
      Map<String, Integer> judged = c.judgments();
      long relevant = judged.values().stream().filter(g -> g > 0).count();
      double previousRecall = 0;
      for (int k : CUTOFFS) {
        long hits =
            ranking.stream().limit(k).filter(d -> judged.getOrDefault(d, 0) > 0).count();
        double recall = new RecallAtK(k).score(ranking, judged);
        assertEquals(relevant == 0 ? 0 : (double) hits / relevant, recall, 1e-12);
        assertTrue(recall >= previousRecall, "recall grows with k");
        previousRecall = recall;
        assertEquals((double) hits / k, new PrecisionAtK(k).score(ranking, judged), 1e-12);
        double ndcg = new NdcgAtK(k).score(ranking, judged);
        assertTrue(ndcg >= 0 && ndcg <= 1 + 1e-12, "ndcg in [0,1]: " + ndcg);
        double rr = new ReciprocalRankAtK(k).score(ranking, judged);
        if (rr != 0) {
          long rank = Math.round(1 / rr);
          assertEquals(1.0 / rank, rr, "rr is 1/rank");
          assertTrue(rank <= k && judged.getOrDefault(ranking.get((int) rank - 1), 0) > 0);
        }
      }
      double ap = Metric.averagePrecision().score(ranking, judged);
      assertTrue(ap >= 0 && ap <= 1 + 1e-12, "ap in [0,1]: " + ap);
    }
  }

  @RepeatedTest(10)
  void idealRankingScoresOne(Random random) {
    Case c = Case.random(random);
    List<String> ideal = new ArrayList<>(c.judgments().keySet());
    ideal.removeIf(d -> c.judgments().get(d) <= 0);
    ideal.sort((a, b) -> c.judgments().get(b) - c.judgments().get(a));
    double expected = ideal.isEmpty() ? 0.0 : 1.0;
    for (int k : CUTOFFS) {
      assertEquals(expected, new NdcgAtK(k).score(ideal, c.judgments()), 1e-12);
    }
    assertEquals(expected, Metric.averagePrecision().score(ideal, c.judgments()), 1e-12);
    assertEquals(expected, new RecallAtK(1000).score(ideal, c.judgments()), 1e-12);
    assertEquals(expected, Metric.reciprocalRank().score(ideal, c.judgments()), 1e-12);
  }

  /**
   * A line-by-line port of trec_eval's {@code m_ndcg_cut.c} for one cutoff: gains from the
   * ranked relevance list, and the ideal DCG walked down from the highest relevance level using
   * per-level counts ({@code rel_levels}, which count only grades >= 0).
   */
  private static double trecEvalNdcgCut(List<String> ranking, Map<String, Integer> judged, int k) {
    int maxRel = 0;
    for (int g : judged.values()) {
      maxRel = Math.max(maxRel, g);
    }
    long[] relLevels = new long[maxRel + 1];
    for (int g : judged.values()) {
      if (g >= 0) {
        relLevels[g]++;
      }
    }
    int numRelLevels = 0;
    for (int i = 0; i <= maxRel; i++) {
      if (relLevels[i] > 0) {
        numRelLevels = i + 1;
      }
    }
    double sum = 0.0;
    for (int i = 0; i < ranking.size() && i < k; i++) {
      double gain = judged.getOrDefault(ranking.get(i), -1);
      if (gain > 0) {
        sum += gain / (Math.log(i + 2) / Math.log(2));
      }
    }
    int curLvl = numRelLevels - 1;
    long lvlCount = 0;
    double idealDcg = 0.0;
    for (int i = 0; curLvl > 0; i++) {
      lvlCount++;
      while (curLvl > 0 && lvlCount > relLevels[curLvl]) {
        curLvl--;
        lvlCount = 1;
      }
      if (curLvl == 0 || i == k) {
        break;
      }
      idealDcg += curLvl / (Math.log(i + 2) / Math.log(2));
    }
    return idealDcg > 0.0 ? sum / idealDcg : sum;
  }
}
