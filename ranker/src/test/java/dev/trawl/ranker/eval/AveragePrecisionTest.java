package dev.trawl.ranker.eval;

import static dev.trawl.ranker.eval.JudgedExample.EPS;
import static dev.trawl.ranker.eval.JudgedExample.JUDGMENTS;
import static dev.trawl.ranker.eval.JudgedExample.RANKING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {
  private final Metric ap = Metric.averagePrecision();

  @Test
  void workedExample() {
    // Relevant at rank 1 (precision 1/1) and rank 3 (precision 2/3); d7 never retrieved adds 0.
    // AP = (1 + 2/3) / 3 relevant = 0.55556
    assertEquals((1 + 2.0 / 3) / 3, ap.score(RANKING, JUDGMENTS), EPS);
  }

  @Test
  void perfectRankingScoresOne() {
    assertEquals(1.0, ap.score(List.of("d1", "d3", "d7", "d2"), JUDGMENTS), EPS);
  }

  @Test
  void usesTheWholeRankingNotACutoff() {
    // Relevant at ranks 2 and 50 of 50: AP = (1/2 + 2/50) / 2 = 0.27
    List<String> ranking = new java.util.ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      ranking.add("n" + i);
    }
    ranking.set(1, "a");
    ranking.set(49, "b");
    assertEquals((0.5 + 2.0 / 50) / 2, ap.score(ranking, Map.of("a", 1, "b", 1)), EPS);
  }

  @Test
  void emptyRankingOrNoRelevantDocumentScoresZero() {
    assertEquals(0.0, ap.score(List.of(), JUDGMENTS));
    assertEquals(0.0, ap.score(RANKING, Map.of("d1", 0)));
  }
}
