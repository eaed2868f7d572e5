package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final double EPS = 1e-12;

  /**
   * q1: judged a=1, b=0; q2: judged c=1, but missing from the run; q3: only a non-relevant
   * judgment; q9: in the run but not judged.
   */
  private static final Qrels QRELS;

  static {
    Map<String, Map<String, Integer>> j = new LinkedHashMap<>();
    j.put("q1", Map.of("a", 1, "b", 0));
    j.put("q2", Map.of("c", 1));
    j.put("q3", Map.of("x", 0));
    QRELS = Qrels.of(j);
  }

  private static final Run RUN =
      Run.fromRankings(
          "t",
          Map.of(
              "q1", List.of("b", "a"), // a relevant at rank 2
              "q3", List.of("x"),
              "q9", List.of("a")));

  @Test
  void scoresEveryJudgedQueryAsTrecEvalMinusC() {
    EvalReport report = Evaluator.of("ndcg@10", "recall@10", "mrr@10").evaluate(QRELS, RUN);

    // q1: nDCG = (1/log2(3)) / 1 = 0.63093; recall = 1; RR = 1/2.
    // q2 (missing from run) and q3 (no relevant document) score 0 and count: 3 queries.
    double q1Ndcg = 1 / (Math.log(3) / Math.log(2));
    assertEquals(List.of("q1", "q2", "q3"), report.queryIds());
    assertEquals(q1Ndcg, report.value("q1", "ndcg@10"), EPS);
    assertEquals(0.0, report.value("q2", "ndcg@10"));
    assertEquals(0.0, report.value("q3", "recall@10"));
    assertEquals(q1Ndcg / 3, report.mean("ndcg@10"), EPS);
    assertEquals(1.0 / 3, report.mean("recall@10"), EPS);
    assertEquals(0.5 / 3, report.mean("mrr@10"), EPS);
    assertEquals(List.of("q2"), report.missingFromRun());
  }

  @Test
  void skipPolicyLeavesOutQueriesWithoutRelevantDocuments() {
    Evaluator evaluator =
        new Evaluator(List.of(Metric.recall(10)), Evaluator.NoRelevantPolicy.SKIP);

    EvalReport report = evaluator.evaluate(QRELS, RUN);

    // q3 is left out; q1 = 1 and q2 = 0 remain.
    assertEquals(List.of("q1", "q2"), report.queryIds());
    assertEquals(0.5, report.mean("recall@10"), EPS);
  }

  @Test
  void emptyRunScoresZeroOnEveryQuery() {
    EvalReport report =
        Evaluator.of("ndcg@10", "map").evaluate(QRELS, Run.builder("empty").build());

    assertEquals(3, report.queryCount());
    assertEquals(0.0, report.mean("ndcg@10"));
    assertEquals(0.0, report.mean("map"));
    assertEquals(List.of("q1", "q2", "q3"), report.missingFromRun());
  }

  @Test
  void emptyQrelsGiveZeroMeans() {
    EvalReport report = Evaluator.of("map").evaluate(Qrels.of(Map.of()), RUN);

    assertEquals(0, report.queryCount());
    assertEquals(0.0, report.mean("map"));
  }

  @Test
  void rendersAnAlignedTable() {
    EvalReport report = Evaluator.of("ndcg@10", "recall@10").evaluate(QRELS, RUN);

    assertEquals(
        """
        query  ndcg@10  recall@10
        q1      0.6309     1.0000
        q2      0.0000     0.0000
        q3      0.0000     0.0000
        all     0.2103     0.3333
        """,
        report.toTable(true));
    assertEquals(
        """
        query  ndcg@10  recall@10
        all     0.2103     0.3333
        """,
        report.toTable());
  }

  @Test
  void mapFormIsJsonFriendly() {
    EvalReport report = Evaluator.of("recall@10").evaluate(QRELS, RUN);

    Map<String, Object> map = report.toMap();

    assertEquals(List.of("recall@10"), map.get("metrics"));
    assertEquals(3, map.get("query_count"));
    assertEquals(Map.of("recall@10", 1.0 / 3), map.get("means"));
    assertEquals(Map.of("recall@10", 1.0), ((Map<?, ?>) map.get("per_query")).get("q1"));
    assertEquals(List.of("q2"), map.get("missing_from_run"));
  }

  @Test
  void rejectsDuplicateOrNoMetrics() {
    assertThrows(IllegalArgumentException.class, () -> Evaluator.of("ndcg@10", "ndcg_cut_10"));
    assertThrows(IllegalArgumentException.class, () -> new Evaluator(List.of()));
  }

  @Test
  void unknownMetricOrQueryInReportIsAnError() {
    EvalReport report = Evaluator.of("map").evaluate(QRELS, RUN);

    assertThrows(IllegalArgumentException.class, () -> report.mean("ndcg@10"));
    assertThrows(IllegalArgumentException.class, () -> report.value("q9", "map"));
  }
}
