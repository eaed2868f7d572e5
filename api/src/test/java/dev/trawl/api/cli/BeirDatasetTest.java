package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read a BEIR folder ({@code eval}, {@code train}, {@code features}) check it and
 * its splits before they index anything: a split without qrels is a usage error that lists the
 * splits there are, and a missing folder says so.
 */
class BeirDatasetTest {
  @TempDir Path work;

  @Test
  void aSplitWithoutQrelsIsAUsageErrorListingTheSplitsBeforeIndexing() throws Exception {
    Path beir = TinyBeir.write(work, "tiny");
    Path data = work.resolve("data");
    String splits = "; splits with qrels: test, train\n";
    Object[][] cases = {
        {"--split: no qrels for split 'dev' in " + beir + splits, new String[] {"eval", beir.toString(), "--split",
            "dev"}},
        {"--split: no qrels for split 'TEST' in " + beir + splits, new String[] {"eval", beir.toString(), "--split",
            "TEST", "--runs", Files.writeString(work.resolve("a.trec"), "").toString()}},
        {"--split: no qrels for split 'dev' in " + beir + splits, new String[] {"features", beir.toString(),
            "--split", "dev"}},
        {"--split: no qrels for split 'TEST' in " + beir + splits, new String[] {"train", beir.toString(), "--split",
            "TEST"}},
        {"--valid-split: no qrels for split 'dev' in " + beir + splits, new String[] {"train", beir.toString(),
            "--valid-split", "dev"}},
    };
    for (Object[] c : cases) {
      String[] args = (String[]) c[1];
      CliRun r = CliRun.of(concat(args, "--data", data.toString()));
      assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.both());
      assertTrue(r.err().startsWith("trawl: " + c[0]), String.join(" ", args) + "\n" + r.both());
    }
    assertFalse(Files.exists(data), "nothing indexed");
  }

  @Test
  void aMissingDatasetFolderIsSaidToNotExist() {
    Path missing = work.resolve("scifcat");
    for (String command : List.of("eval", "train", "features")) {
      CliRun r = CliRun.of(command, missing.toString(), "--data", work.resolve("data").toString());
      assertEquals(1, r.code(), r.both());
      assertTrue(r.err().startsWith("trawl: dataset folder " + missing + " does not exist"), r.both());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
