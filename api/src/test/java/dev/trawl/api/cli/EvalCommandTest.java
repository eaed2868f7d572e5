package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code trawl eval} on run files (no index) and the checks it makes before any work, on a tiny
 * BEIR folder.
 */
class EvalCommandTest {
  @TempDir Path work;
  private Path beir;

  @BeforeEach
  void dataset() throws Exception {
    beir = TinyBeir.write(work, "tiny");
  }

  /** A TREC run that ranks each topic's relevant document first, for the test queries {@code topics}. */
  private Path runFile(String name, int... topics) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int t : topics) {
      lines.add("test-" + t + " Q0 t" + t + "d0 1 2.0 " + name);
      lines.add("test-" + t + " Q0 t" + t + "d1 2 1.0 " + name);
    }
    return Files.write(work.resolve(name + ".trec"), lines);
  }

  private CliRun eval(String... more) {
    List<String> args = new ArrayList<>(List.of("eval", beir.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void eachRunReportsItsCoverageAndAPartialRunIsWarnedAbout() throws Exception {
    Path full = runFile("full", 0, 1, 2, 3, 4, 5, 6, 7);
    Path partial = runFile("partial", 0, 1);
    CliRun r = eval("--runs", full + "," + partial, "--json");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.err().contains("run full: covers 8 of 8 judged queries\n"), r.both());
    assertTrue(r.err().contains("run partial: covers 2 of 8 judged queries\n"), r.both());
    assertTrue(r.err().contains("warning: run partial has no results for 6 of the 8 judged queries; they score 0 on"
        + " every metric and count in the means (the trec_eval -c convention)"), r.both());
    assertTrue(!r.err().contains("warning: run full"), r.both());
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertEquals(2, out.path("coverage").path("partial").path("covered").asInt(), r.both());
    assertEquals(0.25, out.path("runs").path("partial").path("recall@10").asDouble(), 1e-9, r.both());
  }

  /** Test-split runs scored against train qrels: a failure that says so, not a table of zeros. */
  @Test
  void aRunCoveringNoJudgedQueryFails() throws Exception {
    Path run = runFile("lexical", 0, 1, 2, 3, 4, 5, 6, 7);
    CliRun r = eval("--split", "train", "--runs", run.toString());
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains("run lexical: covers 0 of 8 judged queries"), r.both());
    assertTrue(r.err().contains("trawl: run lexical has results for none of the 8 judged queries of " + beir
        + " split 'train', so every metric would be 0: was it made for another split or other qrels?"), r.both());
    assertTrue(!r.out().contains("0.0000"), r.both());
  }
}
