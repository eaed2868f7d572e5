package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone running offline ranking experiments on the tiny BEIR folder of {@link
 * RerankerCommandsIT} relies on: feature logs that other tools load as they are, reranker runs
 * that say which model made them, models that can be taken back, and readable explanations. One
 * model is trained for the class; tests that change models use collections of their own.
 */
class RerankerExperimentsIT {
  @TempDir static Path work;
  static Path beir;
  static Path data;

  @BeforeAll
  static void trainModel() throws Exception {
    beir = RerankerCommandsIT.writeDataset(work);
    data = work.resolve("data");
    CliRun trained = cli("train", beir.toString(), "--grid", "quick", "--max-rounds", "30", "--eval-every", "5",
        "--target", "recall@3");
    assertEquals(0, trained.code(), trained.both());
  }

  /** Runs the command line on the class's data folder. */
  static CliRun cli(String... args) {
    String[] withData = java.util.Arrays.copyOf(args, args.length + 2);
    withData[args.length] = "--data";
    withData[args.length + 1] = data.toString();
    return CliRun.of(withData);
  }

  @Test
  void explainPrintsWholeNumbersWithoutDecimals() {
    CliRun r = cli("search", "what causes volcano lava", "-c", "beir-tiny", "--explain", "features", "-k", "3");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("fused_rank=1 "), r.out());
    assertFalse(Pattern.compile("(lexical_rank|vector_rank|fused_rank|query_length|document_passages)=\\d+\\.")
        .matcher(r.out()).find(), "ranks and counts without decimals:\n" + r.out());
    assertTrue(Pattern.compile("vector_similarity=0\\.\\d{4}").matcher(r.out()).find(), "others to 4 digits:\n"
        + r.out());
  }
}
