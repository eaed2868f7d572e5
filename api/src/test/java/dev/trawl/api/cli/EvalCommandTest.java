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

  /**
   * Options that cannot work fail before the dataset is indexed or any run is made: a baseline
   * that is none of the runs, a rerank run without a model, a report that cannot be written, a
   * run file that does not exist.
   */
  @Test
  void unusableOptionsFailBeforeAnyWork() throws Exception {
    Path data = work.resolve("data");
    Object[][] cases = {
        {2, "--baseline bm25 is not one of the runs: lexical, vector", new String[] {"-m", "lexical,vector",
            "--baseline", "bm25"}},
        {2, "--report /nonexistent/dir/r.html: folder /nonexistent/dir does not exist", new String[] {"-m",
            "lexical,vector", "--report", "/nonexistent/dir/r.html"}},
        {2, "--runs: no such run file: " + work.resolve("typo.trec"), new String[] {"--runs",
            runFile("a", 0) + "," + work.resolve("typo.trec")}},
        {2, "--runs: two run files have the same name (a, a)", new String[] {"--runs", runFile("a", 0) + ","
            + Files.copy(runFile("a", 0), Files.createDirectories(work.resolve("other")).resolve("a.trec"))}},
        {2, "--model is the model of the rerank run", new String[] {"-m", "lexical,vector", "--model",
            work.toString()}},
        {2, "--model " + work + " holds no reranker.json", new String[] {"-m", "hybrid,rerank", "--model",
            work.toString()}},
        {1, "the rerank run needs a reranker model, but collection 'beir-tiny' does not exist yet in " + data
            + ": train one first (trawl train " + beir + " --data " + data + ")", new String[] {"-m", "hybrid,rerank"}},
    };
    for (Object[] c : cases) {
      List<String> args = new ArrayList<>(List.of((String[]) c[2]));
      args.addAll(List.of("--data", data.toString()));
      CliRun r = eval(args.toArray(String[]::new));
      assertEquals(c[0], r.code(), args + "\n" + r.both());
      assertTrue(r.err().startsWith("trawl: " + c[1]), args + "\n" + r.both());
    }
    assertTrue(!Files.exists(data), "nothing indexed");

    Files.createDirectories(data.resolve("collections").resolve("beir-tiny"));
    CliRun noModel = eval("-m", "hybrid,rerank", "--data", data.toString());
    assertEquals(1, noModel.code(), noModel.both());
    assertTrue(noModel.err().startsWith("trawl: the rerank run needs a reranker model, but collection 'beir-tiny' has"
        + " none in " + data), noModel.both());
  }

  /** An output file that cannot be written is a usage error before anything is indexed. */
  @Test
  void featuresRefusesAnOutputInAMissingFolderBeforeAnyWork() {
    Path data = work.resolve("data");
    Path out = work.resolve("no-such-folder").resolve("f.letor");
    CliRun r = CliRun.of("features", beir.toString(), "--split", "test", "-o", out.toString(), "--data",
        data.toString());
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().startsWith("trawl: --out " + out + ": folder " + out.getParent() + " does not exist"), r.both());
    assertTrue(!Files.exists(data), "nothing was opened or indexed: " + r.both());
  }
}
