package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.HashingEmbedder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl search} with several queries: a fan-out from the command line, real embedder. */
class SearchCommandIT {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void severalQueriesFanOutWithAttribution(@TempDir Path work) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("{\"id\":\"tls\",\"title\":\"TLS certificate rotation\",\"text\":\"Rotate TLS certificates with "
        + "cert-manager before they expire.\"}");
    lines.add("{\"id\":\"backup\",\"title\":\"Database backups\",\"text\":\"The database backup runs nightly at "
        + "02:00 and is kept for 30 days.\"}");
    for (int i = 0; i < 6; i++) {
      lines.add("{\"id\":\"other-" + i + "\",\"title\":\"Garden note " + i + "\",\"text\":\"Tomatoes need water "
          + "and sun, week " + i + ".\"}");
    }
    Path docs = Files.write(work.resolve("docs.jsonl"), lines);
    Path data = work.resolve("data");
    assertEquals(0, run("index", docs.toString(), "-c", "ops", "--data", data.toString()).code());

    CliRun text = run("search", "rotate TLS certificates", "database backup schedule", "-c", "ops", "--data",
        data.toString(), "-k", "3");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("tls") && text.out().contains("q1 #1"), text.out());
    assertTrue(text.out().contains("backup") && text.out().contains("q2 #1"), text.out());
    assertTrue(text.out().contains("q1 \"rotate TLS certificates\": 8 documents"), text.out());

    CliRun json = run("search", "rotate TLS certificates", "database backup schedule", "-c", "ops", "--data",
        data.toString(), "-k", "2", "--per-query-k", "1", "--json");
    assertEquals(0, json.code(), json.err());
    JsonNode root = new ObjectMapper().readTree(json.out());
    List<String> top = new ArrayList<>();
    root.get("results").forEach(r -> top.add(r.get("id").asText()));
    assertEquals(List.of("backup", "tls"), top.stream().sorted().toList(), "each query's best document");
    assertEquals(2, root.get("per_query").size());
    assertEquals(1, root.get("per_query").get(0).get("hits").asInt(), "--per-query-k 1");

    CliRun grouped = run("search", "a", "b", "--group-by", "meeting", "-c", "ops", "--data", data.toString());
    assertEquals(2, grouped.code(), "a usage error, as over HTTP a 400: " + grouped.both());
    assertTrue(grouped.err().contains("--group-by works with one query"), grouped.err());
  }

  /**
   * A {@code --group-by} field that no hit has (here a typo of "meeting" on documents without
   * meetings) gets the notice HTTP and MCP give, as a {@code note:} line; an empty filtered
   * result's notice comes the same way.
   */
  @Test
  void groupingByAFieldNoHitHasPrintsTheNotice(@TempDir Path work) throws Exception {
    Path docs = Files.write(work.resolve("docs.jsonl"), List.of(
        "{\"id\":\"tls\",\"title\":\"TLS certificate rotation\",\"text\":\"Rotate TLS certificates.\","
            + "\"metadata\":{\"type\":\"runbook\"}}",
        "{\"id\":\"backup\",\"title\":\"Backups\",\"text\":\"Rotate backup tapes weekly.\","
            + "\"metadata\":{\"type\":\"runbook\"}}"));
    String data = work.resolve("data").toString();
    assertEquals(0, run("index", docs.toString(), "-c", "ops", "--data", data, "--embedder", "hashing").code());

    CliRun typo = run("search", "rotate", "--group-by", "meetings", "-c", "ops", "--data", data, "--embedder",
        "hashing");
    assertEquals(0, typo.code(), typo.both());
    assertTrue(typo.out().contains("note: no document you can see has the metadata field 'meetings' to group by")
        && typo.out().contains("fields in use: 'type'"), typo.both());

    CliRun grouped = run("search", "rotate", "--group-by", "type", "-c", "ops", "--data", data, "--embedder",
        "hashing");
    assertEquals(0, grouped.code(), grouped.both());
    assertTrue(grouped.out().contains("runbook") && !grouped.out().contains("note:"), grouped.both());

    CliRun empty = run("search", "rotate", "--group-by", "type", "--filter", "type=runbooks", "-c", "ops", "--data",
        data, "--embedder", "hashing");
    assertEquals(0, empty.code(), empty.both());
    assertTrue(empty.out().contains("no results") && empty.out().contains("note: ") && empty.out().contains(
        "'runbooks'"), empty.both());
  }

  /**
   * Without {@code -c} a search reads the only collection there is, and says how to choose when
   * there are several; a data folder that a running engine (a {@code trawl serve}) holds is
   * refused at once, with what to do instead.
   */
  @Test
  void collectionChoiceAndAFolderInUse(@TempDir Path work) throws Exception {
    Path docs = Files.write(work.resolve("docs.jsonl"), List.of(
        "{\"id\":\"tls\",\"title\":\"TLS certificate rotation\",\"text\":\"Rotate TLS certificates.\"}"));
    String data = Files.createDirectory(work.resolve("data")).toString();
    CliRun none = run("search", "tls", "--data", data, "--embedder", "hashing");
    assertEquals(1, none.code());
    assertTrue(none.err().contains("no collections in") && none.err().contains("trawl demo"), none.err());

    assertEquals(0, run("index", docs.toString(), "-c", "ops", "--data", data, "--embedder", "hashing").code());
    CliRun only = run("search", "tls", "--data", data, "--embedder", "hashing");
    assertEquals(0, only.code(), only.err());
    assertTrue(only.out().contains("tls"), only.out());

    assertEquals(0, run("index", docs.toString(), "-c", "notes", "--data", data, "--embedder", "hashing").code());
    CliRun two = run("search", "tls", "--data", data, "--embedder", "hashing");
    assertEquals(1, two.code());
    assertTrue(two.err().contains("choose one with -c NAME: notes, ops"), two.err());

    try (Engine server = Engine.open(Path.of(data), new HashingEmbedder(64), CollectionOptions.defaults())) {
      CliRun busy = run("search", "tls", "-c", "ops", "--data", data, "--embedder", "hashing");
      assertEquals(1, busy.code());
      assertTrue(busy.err().contains("is in use by another Trawl process") && busy.err().contains("--data DIR"),
          busy.err());
      assertTrue(server.catalog().list().contains("ops"), "the holder keeps working");
    }
    assertEquals(0, run("search", "tls", "-c", "ops", "--data", data, "--embedder", "hashing").code(),
        "free again once the holder closes");
  }

  /** An empty query is refused as HTTP refuses it, rather than answered with "no results". */
  @Test
  void anEmptyQueryIsAUsageError(@TempDir Path work) throws Exception {
    Path docs = Files.write(work.resolve("docs.jsonl"), List.of(
        "{\"id\":\"tls\",\"title\":\"TLS certificate rotation\",\"text\":\"Rotate TLS certificates.\"}"));
    String data = work.resolve("data").toString();
    assertEquals(0, run("index", docs.toString(), "-c", "ops", "--data", data, "--embedder", "hashing").code());

    CliRun empty = run("search", "", "-c", "ops", "--data", data, "--embedder", "hashing");
    assertEquals(2, empty.code(), empty.both());
    assertTrue(empty.err().contains("QUERY is empty: give the words to look for"), empty.both());
    assertFalse(empty.out().contains("no results"), empty.both());

    CliRun blankSecond = run("search", "tls", " \t", "-c", "ops", "--data", data, "--embedder", "hashing");
    assertEquals(2, blankSecond.code(), blankSecond.both());
    assertTrue(blankSecond.err().contains("QUERY 2 is empty"), blankSecond.both());
  }

  /** A command that only reads reports a data folder that does not exist instead of creating it. */
  @Test
  void readingCommandsDoNotCreateAMissingDataFolder(@TempDir Path work) {
    Path typo = work.resolve("dta");
    for (String[] args : new String[][] {{"search", "tls"}, {"context", "sync#c1"}, {"collections"},
        {"collections", "--delete", "ops"}}) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--data", typo.toString(), "--embedder", "hashing"));
      CliRun r = run(all.toArray(String[]::new));
      assertEquals(1, r.code(), r.both());
      assertTrue(r.err().contains("no data folder at " + typo.toAbsolutePath() + " (create one with: trawl index "
          + "FILE.jsonl --data " + typo + ")"), r.both());
      assertFalse(Files.exists(typo), String.join(" ", args) + " created the folder");
    }
  }
}
