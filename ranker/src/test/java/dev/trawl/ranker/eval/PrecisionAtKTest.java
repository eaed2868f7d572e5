package dev.trawl.ranker.eval;

import static dev.trawl.ranker.eval.JudgedExample.EPS;
import static dev.trawl.ranker.eval.JudgedExample.JUDGMENTS;
import static dev.trawl.ranker.eval.JudgedExample.RANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionAtKTest {

  @Test
  void workedExample() {
    // @1: d1 relevant -> 1/1. @3: d1, d3 -> 2/3. @5: d1, d3 -> 2/5 (d4, d5 unjudged).
    assertEquals(1.0, new PrecisionAtK(1).score(RANKING, JUDGMENTS), EPS);
    assertEquals(2.0 / 3, new PrecisionAtK(3).score(RANKING, JUDGMENTS), EPS);
    assertEquals(0.4, new PrecisionAtK(5).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void dividesByCutoffEvenWhenFewerRetrieved() {
    // As trec_eval P.10: 2 relevant among 5 retrieved -> 2/10, not 2/5.
    assertEquals(0.2, new PrecisionAtK(10).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void emptyRankingScoresZero() {
    assertEquals(0.0, new PrecisionAtK(10).score(List.of(), JUDGMENTS));
  }
}
