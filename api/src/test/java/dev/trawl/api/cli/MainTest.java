package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
    for (String reads : List.of("search", "context", "collections", "demo")) {
      CliRun help = CliRun.of(reads, "--help");
      assertFalse(help.out().contains("--max-passage-tokens") || help.out().contains("--overlap-tokens"),
          reads + ": " + help.both());
    }
    CliRun r = CliRun.of("search", "q", "--max-passage-tokens", "100");
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().contains("Unknown option: '--max-passage-tokens'"), r.both());
  }
}
