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

/** What {@code trawl} prints for a mistyped command line: short, on screen, with the way forward. */
class MainTest {
  @Test
  void anUnknownCommandListsTheCommands() {
    CliRun r = CliRun.of("foo");
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().startsWith("trawl: unknown command 'foo'\n"), r.both());
    assertTrue(r.err().contains("commands: serve, demo, index, ingest-transcript, search"), r.both());
    assertFalse(r.err().contains("Usage:"), r.both());

    CliRun nearMiss = CliRun.of("serch", "q");
    assertEquals(2, nearMiss.code(), nearMiss.both());
    assertTrue(nearMiss.err().contains("unknown command 'serch'") && nearMiss.err().contains("Did you mean: trawl "
        + "search"), nearMiss.both());
  }

  /** An option error is the error and one line pointing at --help, not 30 lines of usage. */
  @Test
  void anOptionErrorPointsAtHelpInsteadOfPrintingIt() {
    for (String[] args : new String[][] {{"search", "--bogus", "q"}, {"search", "q", "-k"}, {"index"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code(), r.both());
      assertTrue(r.err().endsWith("run 'trawl " + args[0] + " --help' for the options\n"), r.both());
      assertFalse(r.err().contains("Usage:"), r.both());
      assertTrue(r.err().lines().count() <= 3, r.both());
    }
    assertTrue(CliRun.of("search", "--bogus", "q").err().startsWith("trawl: Unknown option: '--bogus'"));
  }

  /**
   * A bad option value is a usage error (exit 2) whose message names the option, found before
   * anything is opened: the data folder given does not exist, which would be a failure (exit 1)
   * had the command got that far, and is not created.
   */
  @Test
  void badOptionValuesAreUsageErrorsNamingTheOption(@TempDir Path work) throws Exception {
    String data = work.resolve("no-such-data").toString();
    Path transcript = Files.writeString(work.resolve("t.txt"), "[00:00:01] Ana Diaz: Hello.\n");
    Object[][] cases = {
        {"bad --filter 'type': write FIELD=VALUE", new String[] {"search", "q", "--filter", "type"}},
        {"--mode: unknown mode 'fast'", new String[] {"search", "q", "--mode", "fast"}},
        {"--fusion: unknown fusion 'max'", new String[] {"search", "q", "--fusion", "max"}},
        {"--explain: unknown explain 'all'", new String[] {"search", "q", "--explain", "all"}},
        {"-k must be between 1 and 1000, got 0", new String[] {"search", "q", "-k", "0"}},
        {"-k must be between 1 and 1000, got 1001", new String[] {"search", "q", "-k", "1001"}},
        {"--per-group must be between 1 and 20, got 0", new String[] {"search", "q", "--group-by", "meeting",
            "--per-group", "0"}},
        {"--group-by must be 'meeting'", new String[] {"search", "q", "--group-by", " "}},
        {"--group-by works with one query", new String[] {"search", "a", "b", "--group-by", "meeting"}},
        {"--explain works with one query", new String[] {"search", "a", "b", "--explain", "features"}},
        {"--fusion applies to one query", new String[] {"search", "a", "b", "--fusion", "linear"}},
        {"--mode: unknown mode 'fast'", new String[] {"search", "a", "b", "--mode", "fast"}},
        {"--per-query-k must be between 1 and", new String[] {"search", "a", "b", "--per-query-k", "0"}},
        {"--date-from: invalid date '03/04/2026'", new String[] {"search", "q", "--date-from", "03/04/2026"}},
        {"--date-from must be on or before --date-to 2026-03-01", new String[] {"search", "q", "--date-from",
            "2026-03-04", "--date-to", "2026-03-01"}},
        {"--before must be between 0 and 200, got -1", new String[] {"context", "sync#c1", "--before", "-1"}},
        {"CHUNK_ID 'sync' is not a transcript chunk id", new String[] {"context", "sync"}},
        {"--mode: unknown mode 'bm99'", new String[] {"eval", work.toString(), "--mode", "bm99"}},
        {"--fusion: unknown fusion 'max'", new String[] {"eval", work.toString(), "--fusion", "max"}},
        {"--depth must be between 1 and 1000, got 0", new String[] {"eval", work.toString(), "--depth", "0"}},
        {"--report compares runs", new String[] {"eval", work.toString(), "-m", "hybrid", "--report", "r.html"}},
        {"--format: unknown", new String[] {"ingest-transcript", transcript.toString(), "--meeting-id", "m",
            "--format", "docx"}},
        {"--meeting-id must be 1-128 characters without spaces or '#'", new String[] {"ingest-transcript",
            transcript.toString(), "--meeting-id", "a#b"}},
        {"--date: invalid date 'soon'", new String[] {"ingest-transcript", transcript.toString(), "--meeting-id",
            "m", "--date", "soon"}},
        {"--collection: invalid collection name 'My Notes'", new String[] {"ingest-transcript",
            transcript.toString(), "--meeting-id", "m", "-c", "My Notes"}},
    };
    for (Object[] c : cases) {
      List<String> args = new ArrayList<>(List.of((String[]) c[1]));
      args.addAll(List.of("--data", data));
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.both());
      assertTrue(r.err().startsWith("trawl: " + c[0]), String.join(" ", args) + "\n" + r.both());
      assertTrue(r.err().endsWith("run 'trawl " + args.get(0) + " --help' for the options\n"), r.both());
    }
    assertFalse(Files.exists(Path.of(data)), "a usage error opens nothing");

    CliRun missingFile = CliRun.of("ingest-transcript", work.resolve("nope.txt").toString(), "--meeting-id", "m",
        "--data", data);
    assertEquals(1, missingFile.code(), "a file problem is a failure, not a usage error: " + missingFile.both());
  }

  @Test
  void noArgumentsIsAUsageErrorWhileHelpIsNot() {
    CliRun none = CliRun.of();
    assertEquals(2, none.code(), none.both());
    assertTrue(none.err().startsWith("Usage: trawl"), none.both());

    CliRun help = CliRun.of("--help");
    assertEquals(0, help.code(), help.both());
    assertTrue(help.out().contains("\n  test ") && help.out().contains("\n  build "),
        "the launcher's own commands are listed: " + help.both());
  }

  /**
   * Passage settings apply to collections a command creates, so only such commands offer them;
   * on the others they would be accepted and do nothing.
   */
  @Test
  void chunkingOptionsOnlyOnCommandsThatCreateCollections() {
    for (String creates : List.of("index", "ingest-transcript", "serve", "eval", "eval-qmsum", "train", "features")) {
      CliRun help = CliRun.of(creates, "--help");
      assertTrue(help.out().contains("--max-passage-tokens") && help.out().contains("--overlap-tokens"),
          creates + ": " + help.both());
    }
    for (String reads : List.of("search", "context", "collections", "model", "demo")) {
      CliRun help = CliRun.of(reads, "--help");
      assertFalse(help.out().contains("--max-passage-tokens") || help.out().contains("--overlap-tokens"),
          reads + ": " + help.both());
    }
    CliRun r = CliRun.of("search", "q", "--max-passage-tokens", "100");
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().contains("Unknown option: '--max-passage-tokens'"), r.both());
  }
}
