package dev.trawl.ranker.eval;

import static dev.trawl.ranker.eval.JudgedExample.EPS;
import static dev.trawl.ranker.eval.JudgedExample.JUDGMENTS;
import static dev.trawl.ranker.eval.JudgedExample.RANKING;
import static dev.trawl.ranker.eval.JudgedExample.log2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NdcgAtKTest {

  @Test
  void workedExampleAtFive() {
    // DCG@5  = 2/log2(2) + 0/log2(3) + 1/log2(4) + 0 + 0 = 2 + 0.5 = 2.5
    // ideal: positive grades sorted desc = [2, 1, 1]
    // IDCG@5 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.63093 + 0.5 = 3.13093
    // nDCG@5 = 2.5 / 3.13093 = 0.79848
    double idcg = 2 + 1 / log2(3) + 0.5;
    assertEquals(2.5 / idcg, new NdcgAtK(5).score(RANKING, JUDGMENTS), EPS);
    assertEquals(0.7984848580994974, new NdcgAtK(5).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void cutoffTruncatesBothDcgAndIdealDcg() {
    // @1: DCG = 2, IDCG = 2 -> 1.0
    assertEquals(1.0, new NdcgAtK(1).score(RANKING, JUDGMENTS), EPS);
    // @2: DCG = 2 + 0 = 2, IDCG = 2 + 1/log2(3) = 2.63093 -> 0.76019
    assertEquals(2 / (2 + 1 / log2(3)), new NdcgAtK(2).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void cutoffLargerThanRankingAndJudgments() {
    // @10: the ranking has 5 documents and the ideal list 3 grades; same sums as @5.
    assertEquals(
        new NdcgAtK(5).score(RANKING, JUDGMENTS), new NdcgAtK(10).score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void gainIsTheGradeNotJustBinary() {
    Map<String, Integer> judgments = Map.of("a", 2, "b", 1);
    // [b, a]: DCG = 1/log2(2) + 2/log2(3) = 1 + 1.26186 = 2.26186
    // ideal [a, b]: IDCG = 2 + 1/log2(3) = 2.63093 -> 0.85972
    assertEquals(
        (1 + 2 / log2(3)) / (2 + 1 / log2(3)),
        new NdcgAtK(10).score(List.of("b", "a"), judgments),
        EPS);
    assertEquals(1.0, new NdcgAtK(10).score(List.of("a", "b"), judgments), EPS);
  }

  @Test
  void negativeGradesGainNothingAndAreNotInTheIdeal() {
    // x (grade -1) at rank 1 gains 0; y (grade 1) at rank 2 gains 1/log2(3); IDCG = 1.
    assertEquals(
        1 / log2(3), new NdcgAtK(10).score(List.of("x", "y"), Map.of("x", -1, "y", 1)), EPS);
  }

  @Test
  void unjudgedDocumentsAreNonRelevant() {
    // u is not in the judgments: rank 1 gains nothing, a at rank 2 gains 1/log2(3).
    assertEquals(1 / log2(3), new NdcgAtK(10).score(List.of("u", "a"), Map.of("a", 1)), EPS);
  }

  @Test
  void emptyRankingOrNoRelevantDocumentScoresZero() {
    assertEquals(0.0, new NdcgAtK(10).score(List.of(), JUDGMENTS));
    assertEquals(0.0, new NdcgAtK(10).score(RANKING, Map.of("d1", 0)));
    assertEquals(0.0, new NdcgAtK(10).score(RANKING, Map.of()));
  }

  @Test
  void cutoffMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new NdcgAtK(0));
  }
}
