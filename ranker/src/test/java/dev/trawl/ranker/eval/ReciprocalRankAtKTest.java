package dev.trawl.ranker.eval;

import static dev.trawl.ranker.eval.JudgedExample.EPS;
import static dev.trawl.ranker.eval.JudgedExample.JUDGMENTS;
import static dev.trawl.ranker.eval.JudgedExample.RANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankAtKTest {

  @Test
  void firstRelevantAtRankOne() {
    assertEquals(1.0, new ReciprocalRankAtK(10).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void firstRelevantAtRankThree() {
    // d2 (grade 0) and d4 (unjudged) are not relevant; d3 at rank 3 is -> 1/3.
    List<String> ranking = List.of("d2", "d4", "d3", "d1");
    assertEquals(1.0 / 3, new ReciprocalRankAtK(10).score(ranking, JUDGMENTS), EPS);
    assertEquals(1.0 / 3, new ReciprocalRankAtK(3).score(ranking, JUDGMENTS), EPS);
    // Beyond the cutoff counts as not found.
    assertEquals(0.0, new ReciprocalRankAtK(2).score(ranking, JUDGMENTS));
    // Without cutoff, as trec_eval recip_rank.
    assertEquals(1.0 / 3, Metric.reciprocalRank().score(ranking, JUDGMENTS), EPS);
  }

  @Test
  void noRelevantRetrievedScoresZero() {
    assertEquals(0.0, new ReciprocalRankAtK(10).score(List.of("d2", "d4"), JUDGMENTS));
    assertEquals(0.0, new ReciprocalRankAtK(10).score(List.of(), JUDGMENTS));
    assertEquals(0.0, new ReciprocalRankAtK(10).score(List.of("x"), Map.of("x", -2)));
  }
}
