package dev.trawl.indexer.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  private static String report(long done, long total, long elapsedMillis) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "indexing", 0)
        .onProgress(done, total, done * 2, elapsedMillis * 1_000_000L);
    return bytes.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void noEstimateBeforeAnythingIsDone() {
    assertEquals("indexing: 0/47 documents (0.0%), 0 passages, 0.0 docs/s, ETA unknown", report(0, 47, 0));
    assertTrue(report(0, 47, 500).endsWith("ETA unknown"));
  }

  @Test
  void estimateFollowsTheRate() {
    // 10 of 40 in 5 s: 2 docs/s, 30 left -> 15 s.
    assertEquals("indexing: 10/40 documents (25.0%), 20 passages, 2.0 docs/s, ETA 15s", report(10, 40, 5_000));
    assertTrue(report(40, 40, 20_000).endsWith("ETA 0s"));
  }

  @Test
  void formatsDurations() {
    assertEquals("6s", ConsoleProgress.format(Duration.ofSeconds(6)));
    assertEquals("4m05s", ConsoleProgress.format(Duration.ofSeconds(245)));
    assertEquals("1h02m03s", ConsoleProgress.format(Duration.ofSeconds(3723)));
  }
}
