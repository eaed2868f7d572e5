package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.HashingEmbedder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServeCommandTest {
  @Test
  void loopbackAddressesAreRecognised() {
    assertTrue(ServeCommand.isLoopback("127.0.0.1"));
    assertTrue(ServeCommand.isLoopback("::1"));
    assertTrue(ServeCommand.isLoopback("localhost"));
    assertFalse(ServeCommand.isLoopback("0.0.0.0"));
    assertFalse(ServeCommand.isLoopback("10.1.2.3"));
  }

  @Test
  void refusesANonLoopbackHostWithoutKeys(@TempDir Path data) {
    CliRun r = CliRun.of("serve", "--data", data.toString(), "--host", "0.0.0.0", "--port", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--api-keys") && r.err().contains("--insecure"), r.err());
    try (var created = Files.list(data)) {
      assertEquals(List.of(), created.toList(), "nothing was indexed or opened (no collection, lock or cache)");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A value out of range is a usage error naming the option and the value, found before the data
   * folder is opened (so before the sample corpus is indexed or the server warmed up).
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port               | 99999 | --port must be 0 (any free port) or 1-65535, got 99999",
      "--port               | -1    | --port must be 0 (any free port) or 1-65535, got -1",
      "--timeout-ms         | -1    | --timeout-ms must be >= 1, got -1",
      "--max-in-flight      | 0     | --max-in-flight must be >= 1, got 0",
      "--max-queued         | -1    | --max-queued must be >= 0, got -1",
      "--max-body-mb        | 0     | --max-body-mb must be >= 1, got 0",
      "--cursor-ttl-seconds | 0     | --cursor-ttl-seconds must be >= 1, got 0"})
  void rejectsOptionsOutOfRangeBeforeOpeningAnything(String option, String value, String message,
      @TempDir Path tmp) {
    Path data = tmp.resolve("data");
    CliRun r = CliRun.of("serve", "--data", data.toString(), option, value);
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().contains(message), r.both());
    assertFalse(Files.exists(data), "the data folder was not even created");
  }

  /**
   * A port already in use is found before anything is opened: on a fresh data folder, serve
   * would otherwise index the sample corpus (a minute) before it tried to listen. The message is
   * the one the listen failure gives.
   */
  @Test
  void aPortInUseFailsBeforeTheSampleCorpusIsIndexed(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun r = CliRun.of("serve", "--data", data.toString(), "--embedder", "hashing", "--no-warmup", "--port",
          "" + taken.getLocalPort());
      assertEquals(1, r.code(), r.both());
      assertTrue(r.err().startsWith("trawl: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
          && r.err().contains("pick another with --port, or 0 for any free one"), r.both());
      assertFalse(r.err().contains("indexing sample corpus"), r.both());
    }
    assertFalse(Files.exists(data), "the data folder was not opened, so no sample collection was indexed");
  }

  /**
   * Failing to listen, whatever the reason, ends the command at once with exit 1 and one line
   * saying why and what to change: no stack trace, no process left waiting.
   */
  @Test
  void aServerThatCannotListenExitsWithTheReason(@TempDir Path data) throws Exception {
    try (Catalog c = new Catalog(data, new HashingEmbedder(64), CollectionOptions.defaults())) {
      c.create("notes"); // so serve does not index the sample corpus first
    }
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun inUse = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("serve", "--data",
          data.toString(), "--embedder", "hashing", "--no-warmup", "--port", "" + taken.getLocalPort()));
      assertEquals(1, inUse.code(), inUse.both());
      assertTrue(inUse.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          && inUse.err().contains("pick another with --port"), inUse.both());
    }
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): no machine has it, so binding it fails, even on any
    // free port, and before the data folder is opened (a fresh one stays absent).
    Path fresh = data.resolve("fresh");
    CliRun foreign = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("serve", "--data",
        fresh.toString(), "--embedder", "hashing", "--no-warmup", "--port", "0", "--host", "192.0.2.1",
        "--insecure"));
    assertFalse(Files.exists(fresh), "a host this machine does not have is found before anything is indexed");
    assertEquals(1, foreign.code(), foreign.both());
    assertTrue(foreign.err().contains("cannot listen on 192.0.2.1:0") && foreign.err().contains("check --host"),
        foreign.both());
    assertFalse(foreign.err().contains("Exception") || foreign.err().contains("\tat "), foreign.both());
  }
}
