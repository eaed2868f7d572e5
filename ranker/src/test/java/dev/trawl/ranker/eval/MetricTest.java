package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void parsesOurNamesAndTrecEvalNames() {
    assertEquals(Metric.ndcg(10), Metric.parse("ndcg@10"));
    assertEquals(Metric.ndcg(10), Metric.parse("ndcg_cut_10"));
    assertEquals(Metric.ndcg(10), Metric.parse("ndcg_cut.10"));
    assertEquals(Metric.ndcg(10), Metric.parse("nDCG@10"));
    assertEquals(Metric.recall(100), Metric.parse("recall_100"));
    assertEquals(Metric.recall(100), Metric.parse("R@100"));
    assertEquals(Metric.precision(5), Metric.parse("P_5"));
    assertEquals(Metric.precision(5), Metric.parse("P.5"));
    assertEquals(Metric.averagePrecision(), Metric.parse("map"));
    assertEquals(Metric.reciprocalRank(10), Metric.parse("mrr@10"));
    assertEquals(Metric.reciprocalRank(), Metric.parse("recip_rank"));
  }

  @Test
  void namesAreCanonicalAndParseBack() {
    for (Metric m :
        new Metric[] {
          Metric.ndcg(10),
          Metric.recall(1000),
          Metric.precision(1),
          Metric.averagePrecision(),
          Metric.reciprocalRank(10),
          Metric.reciprocalRank()
        }) {
      assertEquals(m, Metric.parse(m.name()), m.name());
    }
    assertEquals("ndcg@10", Metric.ndcg(10).name());
    assertEquals("recall@100", Metric.recall(100).name());
    assertEquals("p@10", Metric.precision(10).name());
    assertEquals("map", Metric.averagePrecision().name());
    assertEquals("mrr@10", Metric.reciprocalRank(10).name());
    assertEquals("mrr", Metric.reciprocalRank().name());
  }

  @Test
  void rejectsUnknownNamesAndBadCutoffs() {
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("bpref"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("ndcg@0"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("ndcg@99999999999"));
    assertThrows(IllegalArgumentException.class, () -> Metric.parse("ndcg"));
  }
}
