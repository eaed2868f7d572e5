package dev.trawl.api.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.api.Engine;
import dev.trawl.api.service.Caller;
import dev.trawl.api.service.SearchService;
import dev.trawl.api.service.ServiceException;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.MalformedInputException;
import dev.trawl.indexer.transcript.Fixtures;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.group.GroupBy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service the HTTP layer will call, over a real data folder with the fast test embedder. */
class TranscriptServiceIT {
  @TempDir Path data;
  private Engine engine;
  private TranscriptService service;

  @BeforeEach
  void open() {
    engine = Engine.open(data, new HashingEmbedder(32), CollectionOptions.defaults());
    service = new TranscriptService(engine.catalog(), engine.searcher(),
        TranscriptChunking.defaults().withMaxTokens(120));
  }

  @AfterEach
  void close() throws Exception {
    engine.close();
  }

  private static TranscriptService.IngestRequest request(String content, String meetingId) {
    return new TranscriptService.IngestRequest(content, "test", meetingId, "Weekly platform sync", "2026-03-04", "auto",
        List.of(), List.of());
  }

  @Test
  void ingestsEveryFormatDetectingIt() throws Exception {
    Map<String, String> formats = Map.of("platform-sync.txt", "bracket", "short-speaker.txt", "speaker",
        "short.vtt", "vtt", "short.srt", "srt");
    int chunks = 0;
    for (var e : formats.entrySet()) {
      var r = service.ingest("meetings", request(Fixtures.read(e.getKey()), "m-" + e.getValue()));
      assertEquals(e.getValue(), r.format(), e.getKey());
      assertTrue(r.chunks() >= 1);
      assertEquals(r.chunks(), r.chunkIds().size());
      chunks += r.chunks();
    }
    var json = service.ingest("meetings", new TranscriptService.IngestRequest(Fixtures.read("short.json"), "short.json",
        null, null, null, null, List.of(), List.of()));
    assertEquals("platform-sync-2026-03-04", json.meetingId(), "the id comes from the JSON when not given");
    assertEquals(3, json.turns());
    assertEquals(1, json.droppedTurns(), "the {vocalsound} turn");
    assertEquals(chunks + json.chunks(), engine.catalog().get("meetings").stats().documents());
  }

  @Test
  void aRejectedTranscriptIndexesNothing() throws Exception {
    String bad = Fixtures.read("platform-sync.txt").replace("[00:02:20] Tom Lee: Will do.", "[00:02:20] Will do.");
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> service.ingest("meetings", request(bad, "sync")));
    assertEquals(1, e.badLines());
    assertEquals(17, e.errors().get(0).line());
    assertEquals(0, engine.catalog().openOrCreate("meetings").stats().documents());
    assertThrows(IllegalArgumentException.class, () -> service.ingest("meetings", new TranscriptService.IngestRequest(
        Fixtures.read("platform-sync.txt"), "t", "has space", null, null, null, List.of(), List.of())));
    assertThrows(IllegalArgumentException.class, () -> service.ingest("meetings", new TranscriptService.IngestRequest(
        Fixtures.read("platform-sync.txt"), "t", "m", null, null, "docx", List.of(), List.of())));
  }

  @Test
  void reingestingReplacesTheMeetingAndGroupedSearchAndContextWork() throws Exception {
    String full = Fixtures.read("platform-sync.txt");
    var first = service.ingest("meetings", request(full, "sync"));
    String shorter = full.substring(0, full.indexOf("[00:02:22]"));
    var second = service.ingest("meetings", request(shorter, "sync"));
    assertTrue(second.chunks() < first.chunks());
    assertEquals(first.chunks() - second.chunks(), second.removedChunks().size());
    assertEquals(second.chunks(), engine.catalog().get("meetings").stats().documents());

    var grouped = SearchService.withoutCursors(engine.catalog(), engine.searcher(), engine.fanOut())
        .searchGrouped("meetings", SearchRequest.of("migration cutover").withK(5)
            .withFilter(TranscriptService.filter(Map.of("speaker", "sarah"))), GroupBy.meeting(), Caller.UNRESTRICTED)
        .result();
    assertEquals(1, grouped.groups().size());
    assertEquals("sync", grouped.groups().get(0).key());

    var window = service.context("meetings", second.chunkIds().get(0), 0, 100, SearchFilter.NONE.principals());
    assertEquals(12, window.turns().size(), "the shorter version's turns only");
    assertThrows(ServiceException.NotFound.class,
        () -> service.context("meetings", first.chunkIds().get(first.chunks() - 1), 1, 1, null));
  }
}
