package dev.trawl.ranker.eval;

import static dev.trawl.ranker.eval.JudgedExample.EPS;
import static dev.trawl.ranker.eval.JudgedExample.JUDGMENTS;
import static dev.trawl.ranker.eval.JudgedExample.RANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecallAtKTest {

  @Test
  void workedExample() {
    // 3 relevant in total (d1, d3, d7).
    // @1: d1 -> 1/3. @2: d1 (d2 has grade 0) -> 1/3. @5: d1, d3 -> 2/3.
    assertEquals(1.0 / 3, new RecallAtK(1).score(RANKING, JUDGMENTS), EPS);
    assertEquals(1.0 / 3, new RecallAtK(2).score(RANKING, JUDGMENTS), EPS);
    assertEquals(2.0 / 3, new RecallAtK(5).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void cutoffLargerThanRanking() {
    // @100 over 5 documents: still d1, d3 of 3 -> 2/3; d7 was never retrieved.
    assertEquals(2.0 / 3, new RecallAtK(100).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void gradeDoesNotWeighRecall() {
    // a (grade 3) and b (grade 1) count one each: retrieving only b gives 1/2.
    assertEquals(0.5, new RecallAtK(10).score(List.of("b"), Map.of("a", 3, "b", 1)), EPS);
  }

  @Test
  void emptyRankingOrNoRelevantDocumentScoresZero() {
    assertEquals(0.0, new RecallAtK(10).score(List.of(), JUDGMENTS));
    assertEquals(0.0, new RecallAtK(10).score(RANKING, Map.of("d1", 0, "d2", -1)));
  }
}
