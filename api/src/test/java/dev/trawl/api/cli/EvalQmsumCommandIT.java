package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl eval-qmsum} on two tiny meetings, lexical only (no model). */
class EvalQmsumCommandIT {
  @Test
  void stdoutIsTheTableAndStderrSaysWhereTheRunsGo(@TempDir Path work) throws Exception {
    Path dir = Files.createDirectories(work.resolve("qmsum").resolve("qrels"));
    List<String> corpus = new ArrayList<>();
    String[][] meetings = {{"budget", "We approved the marketing budget.", "The budget grows next year."},
        {"remote", "The remote control needs a bigger button.", "Buttons should glow in the dark."}};
    for (String[] m : meetings) {
      for (int t = 1; t < m.length; t++) {
        corpus.add("{\"_id\":\"" + m[0] + "#" + t + "\",\"title\":\"Ana\",\"text\":\"" + m[t] + "\",\"metadata\":"
            + "{\"meeting_id\":\"" + m[0] + "\",\"turn\":" + t + ",\"speaker\":\"Ana\"}}");
      }
    }
    Files.write(dir.getParent().resolve("corpus.jsonl"), corpus);
    Files.writeString(dir.getParent().resolve("queries.jsonl"), "{\"_id\":\"budget#q0\",\"text\":\"marketing budget\","
        + "\"metadata\":{\"meeting_id\":\"budget\"}}\n");
    Files.writeString(dir.resolve("test.tsv"), "query-id\tcorpus-id\tscore\nbudget#q0\tbudget#1\t1\n");
    Path runs = work.resolve("runs");

    CliRun r = CliRun.of("eval-qmsum", dir.getParent().toString(), "--modes", "lexical", "--index", "turns",
        "--data", work.resolve("data").toString(), "--run-dir", runs.toString());

    assertEquals(0, r.code(), r.both());
    assertTrue(r.err().contains("turn-level TREC runs go to " + runs + " as qmsum-test-<variant>-<mode>-<scope>.trec"),
        r.both());
    assertTrue(r.out().strip().startsWith("| variant | mode |"), "stdout holds the table alone: " + r.both());
    assertFalse(r.out().contains("meetings,"), "progress is on stderr: " + r.both());
    assertTrue(Files.isRegularFile(runs.resolve("qmsum-test-turns-lexical-meeting.trec")), r.both());
  }
}
