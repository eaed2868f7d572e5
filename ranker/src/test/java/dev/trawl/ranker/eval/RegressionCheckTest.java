package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionCheckTest {
  private static EvalReport report(double ndcg) {
    return new EvalReport(List.of("ndcg@10"), Map.of(), Map.of("ndcg@10", ndcg), List.of());
  }

  private static void expect(Path dir, String run, double ndcg) throws Exception {
    Files.writeString(dir.resolve(RegressionCheck.fileName("scifact", "test", run)),
        "{\"dataset\":\"scifact\",\"mode\":\"" + run + "\",\"split\":\"test\",\"metrics\":{\"ndcg@10\":" + ndcg + "}}");
  }

  @Test
  void countsFilesMetricsAndRunsWithoutExpectations(@TempDir Path dir) throws Exception {
    expect(dir, "lexical", 0.60);
    expect(dir, "vector", 0.70);
    SequencedMap<String, EvalReport> reports = new LinkedHashMap<>();
    reports.put("lexical", report(0.6810)); // better than expected: reported, not failed
    reports.put("vector", report(0.6000)); // worse: a regression
    reports.put("hybrid", report(0.7000)); // no file
    RegressionCheck check = new RegressionCheck(dir, "scifact", "test");

    RegressionCheck.Result r = check.check(reports);

    assertEquals(List.of(dir.resolve("scifact-test-lexical.json"), dir.resolve("scifact-test-vector.json")), r.files());
    assertEquals(List.of("hybrid"), r.runsWithoutExpectations());
    assertEquals("regression check: 2 files, 2 metrics checked, 1 run without expectations", r.summary());
    assertFalse(r.passed());
    assertEquals(List.of("scifact/vector ndcg@10: expected 0.7 ± 0.005, got 0.6000 (-0.1000)"),
        r.regressions().stream().map(RegressionExpectations.Outcome::describe).toList());
    assertEquals(List.of("scifact/lexical ndcg@10: expected 0.6 ± 0.005, got 0.6810 (+0.0810)"),
        r.improvements().stream().map(RegressionExpectations.Outcome::describe).toList());
    assertEquals(false, r.toMap().get("passed"));
    assertEquals(2, r.toMap().get("metrics_checked"));
  }

  @Test
  void findsOnlyTheFilesOfTheGivenRuns(@TempDir Path dir) throws Exception {
    expect(dir, "lexical", 0.60);
    RegressionCheck check = new RegressionCheck(dir, "scifact", "test");
    assertEquals(List.of(dir.resolve("scifact-test-lexical.json")), check.existingFiles(List.of("vector", "lexical")));
    assertTrue(new RegressionCheck(dir, "scifact", "dev").existingFiles(List.of("lexical")).isEmpty());
    assertTrue(check.check(new LinkedHashMap<>(Map.of("lexical", report(0.6)))).passed());
  }
}
