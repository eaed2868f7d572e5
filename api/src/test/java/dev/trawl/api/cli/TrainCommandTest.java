package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl train}'s option checks: usage errors naming the option, before anything is read. */
class TrainCommandTest {
  @Test
  void badTargetsAndHoldoutsAreUsageErrorsNamingTheOption(@TempDir Path work) throws Exception {
    Path beir = TinyBeir.write(work, "tiny");
    Path data = work.resolve("data");
    String targets = "; use one of recall@K, ndcg@K, p@K (precision), mrr@K, mrr (no cutoff), map; K >= 1\n";
    Object[][] cases = {
        {"--target: invalid target 'precision@10'" + targets, new String[] {"--target", "precision@10"}},
        {"--target: invalid target 'recall@0'" + targets, new String[] {"--target", "recall@0"}},
        {"--holdout must be greater than 0 and less than 1, got 1.5\n", new String[] {"--holdout", "1.5"}},
        {"--holdout must be greater than 0 and less than 1, got 0\n", new String[] {"--holdout", "0"}},
        {"--eval-every must be >= 1, got 0\n", new String[] {"--eval-every", "0"}},
        {"--grid: unknown grid 'fast'", new String[] {"--grid", "fast"}},
    };
    for (Object[] c : cases) {
      String[] opts = (String[]) c[1];
      CliRun r = CliRun.of("train", beir.toString(), opts[0], opts[1], "--data", data.toString());
      assertEquals(2, r.code(), String.join(" ", opts) + "\n" + r.both());
      assertTrue(r.err().startsWith("trawl: " + c[0]), String.join(" ", opts) + "\n" + r.both());
    }
    assertFalse(Files.exists(data), "nothing indexed");
  }

  @Test
  void helpListsTheTargetForms() {
    CliRun help = CliRun.of("train", "--help");
    String text = help.out().replaceAll("\\s+", " "); // as wrapped to the terminal's width
    assertTrue(text.contains("--target=<target> Metric to select on: recall@K, ndcg@K, p@K (precision), mrr@K, mrr"
        + " (no cutoff), map; K >= 1"), help.both());
  }
}
