package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
  private static final double EPS = 1e-12;

  /** Four queries, each with one relevant document r. */
  private static final Qrels QRELS =
      Qrels.of(
          new LinkedHashMap<>(
              Map.of(
                  "q1", Map.of("r", 1),
                  "q2", Map.of("r", 1),
                  "q3", Map.of("r", 1),
                  "q4", Map.of("r", 1))));

  private static Run run(String tag, int rankQ1, int rankQ2, int rankQ3, int rankQ4) {
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    int[] ranks = {rankQ1, rankQ2, rankQ3, rankQ4};
    for (int q = 0; q < 4; q++) {
      List<String> docs = new java.util.ArrayList<>(List.of("n1", "n2", "n3"));
      docs.add(ranks[q] - 1, "r");
      rankings.put("q" + (q + 1), docs);
    }
    return Run.fromRankings(tag, rankings);
  }

  @Test
  void comparesEachRunWithTheBaseline() {
    SequencedMap<String, Run> runs = new LinkedHashMap<>();
    // Rank of r per query:          q1 q2 q3 q4
    runs.put("bm25", run("bm25", 2, 2, 1, 4));
    runs.put("hybrid", run("hybrid", 1, 1, 1, 2));
    runs.put("worse", run("worse", 4, 2, 4, 4));

    RunComparison c =
        RunComparison.compare(
            QRELS, runs, Evaluator.of("mrr@10"), new PairedRandomizationTest(7));

    // bm25 RR: 1/2, 1/2, 1, 1/4 -> mean 2.25/4 = 0.5625
    // hybrid RR: 1, 1, 1, 1/2   -> mean 3.5/4 = 0.875; wins q1, q2, q4; ties q3
    // worse RR: 1/4, 1/2, 1/4, 1/4 -> mean 1.25/4 = 0.3125; losses q1, q3; ties q2, q4
    assertEquals("bm25", c.baseline());
    assertEquals(List.of("bm25", "hybrid", "worse"), c.runs());
    assertEquals(0.5625, c.mean("bm25", "mrr@10"), EPS);
    MetricComparison hybrid = c.comparison("hybrid", "mrr@10");
    assertEquals(0.875, hybrid.mean(), EPS);
    assertEquals(0.3125, hybrid.delta(), EPS);
    assertEquals(List.of(3, 0, 1), List.of(hybrid.wins(), hybrid.losses(), hybrid.ties()));
    MetricComparison worse = c.comparison("worse", "mrr@10");
    assertEquals(List.of(0, 2, 2), List.of(worse.wins(), worse.losses(), worse.ties()));
    // With 4 queries no difference can be significant: the smallest exact p-value is 2/16.
    assertTrue(hybrid.pValue() >= 0.1, "p=" + hybrid.pValue());
    assertEquals(2, c.comparisons().size());
  }

  @Test
  void identicalRunsTieEverywhereWithPValueOne() {
    SequencedMap<String, Run> runs = new LinkedHashMap<>();
    runs.put("a", run("a", 1, 2, 3, 4));
    runs.put("b", run("b", 1, 2, 3, 4));

    RunComparison c =
        RunComparison.compare(
            QRELS, runs, Evaluator.of("ndcg@10", "map"), new PairedRandomizationTest(1));

    for (String metric : List.of("ndcg@10", "map")) {
      MetricComparison m = c.comparison("b", metric);
      assertEquals(4, m.ties());
      assertEquals(1.0, m.pValue());
      assertEquals(0.0, m.delta());
    }
  }

  @Test
  void rendersTableAndMap() {
    SequencedMap<String, Run> runs = new LinkedHashMap<>();
    runs.put("bm25", run("bm25", 2, 2, 1, 4));
    runs.put("hybrid", run("hybrid", 1, 1, 1, 2));
    RunComparison c =
        RunComparison.compare(
            QRELS, runs, Evaluator.of("mrr@10"), new PairedRandomizationTest(7, 1000));

    String table = c.toTable();

    String[] lines = table.split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("metric  run"), table);
    assertTrue(lines[1].matches("mrr@10  bm25 +0\\.5625  baseline"), table);
    assertTrue(lines[2].matches("mrr@10  hybrid +0\\.8750 +\\+0\\.3125 +3/0/1 +0\\.\\d{4}"), table);
    Map<String, Object> map = c.toMap();
    assertEquals("bm25", map.get("baseline"));
    assertEquals(Map.of("mrr@10", 0.5625), ((Map<?, ?>) map.get("means")).get("bm25"));
    assertEquals(1, ((List<?>) map.get("comparisons")).size());
    assertEquals(List.of("run", "metric", "baseline_mean", "mean", "delta", "wins", "losses", "ties", "p_value"),
        List.copyOf(((Map<?, ?>) ((List<?>) map.get("comparisons")).get(0)).keySet()), "snake_case, as all JSON");
  }

  @Test
  void needsTwoRuns() {
    SequencedMap<String, Run> runs = new LinkedHashMap<>();
    runs.put("only", run("only", 1, 1, 1, 1));

    assertThrows(
        IllegalArgumentException.class,
        () ->
            RunComparison.compare(
                QRELS, runs, Evaluator.of("map"), new PairedRandomizationTest(1)));
  }
}
