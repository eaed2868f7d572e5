package dev.trawl.api.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.api.cli.Main;
import dev.trawl.indexer.transcript.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcript path as a user runs it, with the real BGE embedder: {@code ingest-transcript}
 * on the project's own meeting transcripts, then {@code search} with transcript filters and
 * grouping, and {@code context}; a bad file is rejected with its line and indexes nothing.
 */
class TranscriptEndToEndIT {
  @TempDir Path dir;

  private String run(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      assertEquals(0, code, String.join(" ", args) + "\n" + buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void ingestSearchGroupAndFetchContext() throws Exception {
    Path sync = Files.writeString(dir.resolve("sync.txt"), Fixtures.read("platform-sync.txt"));
    Path pricing = Files.writeString(dir.resolve("pricing.txt"), Fixtures.read("pricing-committee.txt"));
    String data = dir.resolve("data").toString();
    ObjectMapper json = new ObjectMapper();

    JsonNode ingested = json.readTree(run("ingest-transcript", sync.toString(), "--meeting-id", "sync-0304",
        "--title", "Weekly platform sync", "--date", "2026-03-04", "--collection", "meetings", "--data", data, "--json"));
    assertEquals("bracket", ingested.get("format").asText());
    assertEquals(23, ingested.get("turns").asInt());
    run("ingest-transcript", pricing.toString(), "--meeting-id", "pricing-0309", "--title", "Pricing committee",
        "--date", "2026-03-09", "--collection", "meetings", "--data", data);

    // A paraphrase: no query word is in the answer's turn except 'database'.
    JsonNode hits = json.readTree(run("search", "how long will the database be locked during the upgrade",
        "--collection", "meetings", "--data", data, "--k", "3", "--json")).get("hits");
    JsonNode top = hits.get(0);
    assertTrue(top.get("id").asText().startsWith("sync-0304#c"), hits.toString());
    assertEquals("Weekly platform sync", top.get("title").asText());
    JsonNode span = top.get("transcript");
    assertTrue(span.get("start").asDouble() <= 104 && span.get("end").asDouble() >= 122,
        "the chunk with Tom's answer (turn 6, 00:01:44-00:02:02): " + top);
    assertTrue(top.get("snippet").asText().matches("(?s)\\[00:0\\d:\\d\\d-00:0\\d:\\d\\d] (Tom Lee|Sarah Sachs): .*"),
        top.get("snippet").asText());

    JsonNode priya = json.readTree(run("search", "what should go on the pricing page", "--collection", "meetings",
        "--data", data, "--speaker", "priya", "--date-from", "2026-03-05", "--json")).get("hits");
    assertEquals(1, priya.size(), priya.toString());
    assertTrue(priya.get(0).get("snippet").asText().contains("] Priya Raman: If Enterprise keys"));

    JsonNode groups = json.readTree(run("search", "API rate limits", "--collection", "meetings", "--data", data,
        "--group-by", "meeting", "--k", "5", "--json")).get("groups");
    assertEquals(2, groups.size(), groups.toString());

    String context = run("context", top.get("passage").get("id").asText(), "--before", "1", "--after", "1",
        "--collection", "meetings", "--data", data);
    assertTrue(context.startsWith("Weekly platform sync (2026-03-04)  [sync-0304]"), context);
    assertTrue(context.contains("> [00:01:44] Tom Lee: About twelve minutes"), context);

    Path bad = Files.writeString(dir.resolve("bad.vtt"), "WEBVTT\n\n1\n00:00:01.000 --> 00:00:0x.000\n<v Ann>hi\n");
    assertEquals(1, Main.run("ingest-transcript", bad.toString(), "--meeting-id", "bad", "--collection", "meetings",
        "--data", data));
    JsonNode none = json.readTree(run("search", "hi", "--collection", "meetings", "--data", data, "--meeting-id", "bad",
        "--json")).get("hits");
    assertEquals(0, none.size());
  }
}
