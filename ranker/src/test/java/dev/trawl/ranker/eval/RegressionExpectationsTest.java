package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionExpectationsTest {
  private static final String SCIFACT_BM25 =
      """
      {
        "dataset": "scifact",
        "mode": "bm25",
        "split": "test",
        "metrics": {
          "ndcg@10": 0.6789,
          "recall_100": {"expected": 0.9253, "tolerance": 0.002}
        }
      }
      """;

  private static EvalReport report(double ndcg, double recall) {
    return new EvalReport(
        List.of("ndcg@10", "recall@100"),
        Map.of(),
        Map.of("ndcg@10", ndcg, "recall@100", recall),
        List.of());
  }

  private static MalformedFileException error(String json) {
    return assertThrows(
        MalformedFileException.class, () -> RegressionExpectations.parse(json, "x.json"));
  }

  @Test
  void readsFileWithDefaultAndPerMetricTolerance(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("scifact.bm25.json");
    Files.writeString(file, SCIFACT_BM25);

    RegressionExpectations e = RegressionExpectations.read(file);

    assertEquals("scifact", e.dataset());
    assertEquals("bm25", e.mode());
    assertEquals("test", e.split());
    assertEquals(
        List.of(
            new RegressionExpectations.Expectation("ndcg@10", 0.6789, 0.005),
            new RegressionExpectations.Expectation("recall@100", 0.9253, 0.002)),
        e.expectations());
    assertEquals(List.of(Metric.ndcg(10), Metric.recall(100)), e.metrics());
  }

  @Test
  void passingReportHasNoFailures() throws IOException {
    RegressionExpectations e = RegressionExpectations.parse(SCIFACT_BM25, "s");

    assertEquals(List.of(), e.check(report(0.6789, 0.9253)));
    // Exactly at the tolerance passes: 0.6789 - 0.005 = 0.6739, 0.9253 + 0.002 = 0.9273.
    assertEquals(List.of(), e.check(report(0.6739, 0.9273)));
  }

  @Test
  void failuresAreHumanReadable() throws IOException {
    RegressionExpectations e = RegressionExpectations.parse(SCIFACT_BM25, "s");

    assertEquals(
        List.of(
            "scifact/bm25 ndcg@10: expected 0.6789 ± 0.005, got 0.6512 (-0.0277)",
            "scifact/bm25 recall@100: expected 0.9253 ± 0.002, got 0.9200 (-0.0053)"),
        e.check(report(0.6512, 0.92)));
  }

  /** Better than expected by more than the tolerance is an improvement, not a regression. */
  @Test
  void theCheckIsOneSided() throws IOException {
    RegressionExpectations e = RegressionExpectations.parse(SCIFACT_BM25, "s");

    assertEquals(List.of(), e.check(report(0.7600, 0.9300)));
    List<RegressionExpectations.Outcome> outcomes = e.compare(report(0.7600, 0.9253));
    assertEquals(
        List.of(RegressionExpectations.Verdict.IMPROVED, RegressionExpectations.Verdict.WITHIN),
        outcomes.stream().map(RegressionExpectations.Outcome::verdict).toList());
    assertEquals(
        "scifact/bm25 ndcg@10: expected 0.6789 ± 0.005, got 0.7600 (+0.0811)",
        outcomes.get(0).describe());
    // Just past the tolerance below fails; the same distance above does not.
    assertEquals(1, e.check(report(0.6738, 0.9253)).size());
    assertEquals(List.of(), e.check(report(0.6840, 0.9253)));
  }

  @Test
  void metricMissingFromReportIsAFailure() throws IOException {
    RegressionExpectations e = RegressionExpectations.parse(SCIFACT_BM25, "s");
    EvalReport onlyNdcg = new EvalReport(List.of("ndcg@10"), Map.of(), Map.of("ndcg@10", 0.68), List.of());

    List<String> failures = e.check(onlyNdcg);

    assertEquals(1, failures.size());
    assertTrue(
        failures.get(0).startsWith("scifact/bm25 recall@100: expected 0.9253 ± 0.002, but the"),
        failures.get(0));
  }

  @Test
  void fileLevelToleranceApplies() throws IOException {
    RegressionExpectations e =
        RegressionExpectations.parse(
            "{\"dataset\":\"d\",\"mode\":\"m\",\"split\":\"test\",\"tolerance\":0.01,"
                + "\"metrics\":{\"map\":0.5}}",
            "s");

    assertEquals(0.01, e.expectations().get(0).tolerance());
    assertEquals(List.of(), e.check(new EvalReport(List.of("map"), Map.of(), Map.of("map", 0.509), List.of())));
  }

  @Test
  void malformedFilesAreRejectedWithLocation() {
    assertEquals(3, error("{\n\"dataset\": \"d\",\n\"mode\": }").line());
    assertEquals(
        "x.json: unknown field \"metric\"; expected [dataset, mode, split, model, tolerance, metrics]",
        error("{\"dataset\":\"d\",\"mode\":\"m\",\"split\":\"s\",\"metric\":{}}").getMessage());
    assertEquals(
        "x.json: missing string field \"mode\"",
        error("{\"dataset\":\"d\",\"split\":\"s\",\"metrics\":{\"map\":1}}").getMessage());
    assertTrue(
        error("{\"dataset\":\"d\",\"mode\":\"m\",\"split\":\"s\",\"metrics\":{\"bpref\":1}}")
            .getMessage()
            .startsWith("x.json: metrics.bpref: unknown metric"));
    assertEquals(
        "x.json: metrics.map: expected a number",
        error("{\"dataset\":\"d\",\"mode\":\"m\",\"split\":\"s\",\"metrics\":{\"map\":\"0.5\"}}")
            .getMessage());
    assertEquals(
        "x.json: metrics.ndcg_cut_10: metric ndcg@10 given twice",
        error(
                "{\"dataset\":\"d\",\"mode\":\"m\",\"split\":\"s\","
                    + "\"metrics\":{\"ndcg@10\":1,\"ndcg_cut_10\":1}}")
            .getMessage());
  }

  @Test
  void newFileFromReportRoundTrips() throws IOException {
    RegressionExpectations fresh =
        RegressionExpectations.fromReport(
            "nfcorpus", "hybrid", "test", report(0.345678, 0.25), 0.005);

    RegressionExpectations back = RegressionExpectations.parse(fresh.toJson(), "generated");

    assertEquals(fresh, back);
    assertEquals(0.3457, back.expectations().get(0).expected());
    assertEquals(null, back.model());
  }

  @Test
  void aRerankedRunsFileNamesItsModel() throws IOException {
    RegressionExpectations fresh =
        RegressionExpectations.fromReport("scifact", "rerank", "test", report(0.7712, 0.93), 0.005)
            .withModel("lambdamart-6dbeb57970");

    assertTrue(fresh.toJson().contains("\"model\" : \"lambdamart-6dbeb57970\""), fresh.toJson());
    RegressionExpectations back = RegressionExpectations.parse(fresh.toJson(), "generated");
    assertEquals(fresh, back);
    assertEquals("lambdamart-6dbeb57970", back.model());
  }
}
