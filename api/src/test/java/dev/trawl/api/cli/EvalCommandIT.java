package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trawl eval} end to end on a tiny BEIR folder (hashing embedder, no latency pass): the
 * regression check as a CI gate, coverage of the judged queries, and what goes to which stream.
 */
class EvalCommandIT {
  @TempDir Path work;
  private Path beir;
  private Path data;

  @BeforeEach
  void dataset() throws Exception {
    beir = TinyBeir.write(work, "tiny");
    data = work.resolve("data");
  }

  private CliRun eval(String... more) {
    List<String> args = new ArrayList<>(List.of("--no-latency"));
    args.addAll(List.of(more));
    return evalTimed(args.toArray(String[]::new));
  }

  /** {@link #eval} with the latency pass. */
  private CliRun evalTimed(String... more) {
    List<String> args = new ArrayList<>(List.of("eval", beir.toString(), "--data", data.toString(), "--embedder",
        "hashing", "--run-dir", work.resolve("runs").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /**
   * Stdout holds the results alone, under a line saying what was scored and how; progress goes to
   * stderr; the table has the latency columns the runs measured, and none with --no-latency.
   */
  @Test
  void stdoutHoldsAHeaderAndTheResultsOnly() {
    CliRun r = eval("-m", "lexical,vector");
    assertEquals(0, r.code(), r.both());
    List<String> lines = r.out().lines().toList();
    assertEquals("tiny test: 8 queries, 8 judgments | trec_eval conventions (unjudged = not relevant; queries"
        + " without a result score 0)", lines.get(0), r.both());
    assertTrue(lines.get(1).startsWith("run ") && lines.get(1).endsWith("map"), "no latency columns: " + r.both());
    assertTrue(lines.get(2).startsWith("lexical ") && lines.get(3).startsWith("vector "), r.both());
    assertTrue(r.out().contains("compared with lexical (paired randomization test"), r.both());
    for (String progress : List.of("indexing", "embedded", "done in", "covers")) {
      assertFalse(r.out().contains(progress), progress + " on stdout: " + r.both());
      assertTrue(r.err().contains(progress), progress + " on stderr: " + r.both());
    }

    CliRun timed = evalTimed("-m", "lexical");
    assertEquals(0, timed.code(), timed.both());
    String header = timed.out().lines().toList().get(1);
    assertTrue(header.endsWith("map    p50 ms    p99 ms"), "lexical has neither rerank nor embed time: " + timed.both());
  }

  /** Writes the expectations of a lexical run, then sets its ndcg@10 to {@code delta} from the measured. */
  private Path expectations(double delta) throws Exception {
    Path dir = work.resolve("regressions");
    CliRun wrote = eval("-m", "lexical", "--write-expectations", dir.toString());
    assertEquals(0, wrote.code(), wrote.both());
    Path file = dir.resolve("tiny-test-lexical.json");
    ObjectMapper json = new ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    var metrics = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("metrics");
    metrics.put("ndcg@10", metrics.get("ndcg@10").asDouble() + delta);
    Files.writeString(file, json.writeValueAsString(root));
    return dir;
  }

  @Test
  void aCheckFolderThatDoesNotExistIsAUsageErrorBeforeAnyWork() {
    CliRun r = eval("-m", "lexical", "--check", work.resolve("nosuchdir").toString());
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().startsWith("trawl: --check: no such folder: "), r.both());
    assertFalse(Files.exists(data), "nothing indexed: " + r.both());
  }

  @Test
  void aCheckFolderWithoutAFileForAnyRunFailsListingTheNamesItLookedFor() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    CliRun r = eval("-m", "lexical,vector", "--check", empty.toString());
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains("holds no regression file for these runs; looked for tiny-test-lexical.json, "
        + "tiny-test-vector.json"), r.both());
    assertFalse(Files.exists(data), "nothing indexed: " + r.both());
  }

  @Test
  void anImprovementIsReportedAndPasses() throws Exception {
    Path dir = expectations(-0.1);
    CliRun r = eval("-m", "lexical,vector", "--check", dir.toString());
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("improved: tiny/lexical ndcg@10: expected "), r.both());
    assertTrue(r.out().contains("(+0.1000); update the file with --write-expectations " + dir), r.both());
    assertTrue(r.out().contains("regression check: 1 file, 8 metrics checked, 1 run without expectations: passed"),
        r.both());

    CliRun json = eval("-m", "lexical", "--check", dir.toString(), "--json");
    assertEquals(0, json.code(), json.both());
    JsonNode check = new ObjectMapper().readTree(json.out()).path("regression_check");
    assertTrue(check.path("passed").asBoolean(), json.both());
    assertEquals(8, check.path("metrics_checked").asInt(), json.both());
    assertEquals(1, check.path("improvements").size(), json.both());
  }

  @Test
  void aRegressionExits3() throws Exception {
    Path dir = expectations(+0.1);
    CliRun r = eval("-m", "lexical", "--check", dir.toString());
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains("REGRESSION:\n  tiny/lexical ndcg@10: expected "), r.both());
    assertTrue(r.out().contains("regression check: 1 file, 8 metrics checked, 0 runs without expectations: "
        + "1 regressed"), r.both());
  }
}
