package dev.trawl.bench.beir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trawl.api.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full-dataset regression checks: evaluates each BEIR dataset in every mode and compares the
 * metrics with {@code bench/regressions/<dataset>-test-<mode>.json}. Excluded from the default
 * build (tag {@code dataset}); run with {@code ./mvnw -Peval verify -pl bench -am}.
 */
@Tag("dataset")
class BeirRegressionIT {

  /** Tests run in the bench module folder; the repository root is its parent. */
  static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** {@code ../shared/data} next to the repository root. */
  static Path sharedData() {
    return repositoryRoot().resolveSibling("shared").resolve("data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scifact", "nfcorpus"})
  void metricsDoNotRegress(String dataset) throws Exception {
    Path dir = sharedData().resolve(dataset);
    assumeTrue(Files.isRegularFile(dir.resolve("corpus.jsonl")),
        "dataset " + dataset + " not found at " + dir + " (expected ../shared/data next to the repository)");
    Path regressions = repositoryRoot().resolve("bench").resolve("regressions");
    Path data = Files.createTempDirectory("trawl-eval-" + dataset);
    int code = Main.run("eval", dir.toString(), "--data", data.toString(), "--no-latency",
        "--run-dir", data.resolve("runs").toString(), "--check", regressions.toString());
    assertEquals(0, code, "eval of " + dataset + " regressed or failed (see output above)");
  }
}
