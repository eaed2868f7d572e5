package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trawl index} on input a new user may have: a byte order mark, bytes that are not UTF-8, an
 * empty file, a JSON array, a bad option. Bad input is reported with where and how to fix it, and
 * leaves no data folder or collection behind.
 */
class IndexCommandIT {
  private static final String DOC = "{\"id\":\"tls\",\"title\":\"TLS certificate rotation\",\"text\":\"Rotate TLS "
      + "certificates.\"}";

  @TempDir Path work;

  private String data() {
    return work.resolve("data").toString();
  }

  private CliRun index(Path file, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("index", file.toString(), "-c", "notes", "--data", data(),
        "--embedder", "hashing"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private void assertNothingCreated(CliRun r) {
    assertFalse(Files.exists(work.resolve("data").resolve("collections").resolve("notes")), r.both());
  }

  @Test
  void aLeadingByteOrderMarkIsSkipped() throws Exception {
    Path file = Files.write(work.resolve("bom.jsonl"), ("\uFEFF" + DOC + "\n").getBytes(StandardCharsets.UTF_8));
    CliRun r = index(file);
    assertEquals(0, r.code(), r.both());
    CliRun found = CliRun.of("search", "rotate certificates", "-c", "notes", "--data", data(), "--embedder", "hashing",
        "--json");
    assertTrue(found.out().contains("\"id\":\"tls\""), found.both());
  }

  @Test
  void invalidUtf8IsReportedAtItsLineAndByte() throws Exception {
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes((DOC + "\n\n").getBytes(StandardCharsets.UTF_8)); // lines 1 and 2 (blank)
    byte[] third = "{\"id\":\"d3\",\"text\":\"caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
    long offset = bytes.size() + third.length;
    bytes.writeBytes(third);
    bytes.write(0xFF); // never valid in UTF-8
    bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(work.resolve("latin1.jsonl"), bytes.toByteArray());
    CliRun r = index(file);
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains("line 3: not valid UTF-8 (byte 0xFF at byte offset " + offset + " of the file)"),
        r.both());
    assertNothingCreated(r);
  }

  @Test
  void anEmptyFileIsAnErrorAndCreatesNothing() throws Exception {
    Path file = Files.writeString(work.resolve("empty.jsonl"), "\n  \n");
    CliRun r = index(file);
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains(file + " has no documents"), r.both());
    assertFalse(Files.exists(work.resolve("data")), "no data folder created");
  }

  @Test
  void aBadBatchSizeIsAUsageErrorFoundBeforeReading() throws Exception {
    Path file = Files.writeString(work.resolve("docs.jsonl"), DOC + "\n");
    CliRun r = index(file, "--batch", "0");
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().contains("--batch must be >= 1, got 0"), r.both());
    assertFalse(r.err().contains("reading") || r.err().contains("commit interval"), r.both());
    assertFalse(Files.exists(work.resolve("data")), "no data folder created");
  }

  @Test
  void passageSettingsOutOfRangeAreUsageErrors() throws Exception {
    Path file = Files.writeString(work.resolve("docs.jsonl"), DOC + "\n");
    CliRun small = index(file, "--max-passage-tokens", "8");
    assertEquals(2, small.code(), small.both());
    assertTrue(small.err().contains("--max-passage-tokens must be >= 16, got 8"), small.both());
    CliRun overlap = index(file, "--max-passage-tokens", "100", "--overlap-tokens", "50");
    assertEquals(2, overlap.code(), overlap.both());
    assertTrue(overlap.err().contains("--overlap-tokens must be >= 0 and less than half of --max-passage-tokens (100),"
        + " got 50"), overlap.both());
    assertFalse(Files.exists(work.resolve("data")), "no data folder created");
  }

  @Test
  void aJsonArrayIsRecognisedAsSuch() throws Exception {
    for (String array : List.of("[" + DOC + "]\n", "[\n  " + DOC + "\n]\n")) {
      Path file = Files.writeString(work.resolve("array.json"), array);
      CliRun r = index(file);
      assertEquals(1, r.code(), r.both());
      assertTrue(r.err().contains("line 1: this looks like a JSON array; the file must be JSONL, one JSON object per "
          + "line"), r.both());
      assertTrue(r.err().contains("1 bad line"), "one error for the file, not one per line: " + r.both());
      assertNothingCreated(r);
    }
  }

  /**
   * An id Lucene could not index (over 32,766 bytes; Trawl's limit is 512) is refused with the
   * other line errors before anything is created, and a collection that existed before is left
   * alone. (This test used to reach {@code IndexCommand.removeIfEmpty} through Lucene's own refusal
   * mid-write; no input reaches a write-time failure now, so that clean-up is for I/O failures.)
   */
  @Test
  void aFailedRunLeavesNoNewEmptyCollection() throws Exception {
    Path immense = Files.writeString(work.resolve("immense.jsonl"),
        "{\"id\":\"" + "x".repeat(40_000) + "\",\"text\":\"hello\"}\n");
    CliRun r = index(immense);
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains("line 1: document id is 40000 bytes long; at most 512 bytes"), r.both());
    assertNothingCreated(r);
    assertFalse(CliRun.of("collections", "--data", data(), "--embedder", "hashing").out().contains("notes"));

    assertEquals(0, index(Files.writeString(work.resolve("docs.jsonl"), DOC + "\n")).code());
    assertEquals(1, index(immense).code());
    CliRun list = CliRun.of("collections", "--data", data(), "--embedder", "hashing");
    assertTrue(list.out().matches("(?s)notes +1 documents.*"), "the existing collection stays: " + list.both());
  }
}
