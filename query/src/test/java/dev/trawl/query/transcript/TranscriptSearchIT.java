package dev.trawl.query.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.indexer.transcript.BracketTimestampParser;
import dev.trawl.indexer.transcript.Fixtures;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.indexer.transcript.TranscriptIndexer;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.fanout.MultiSearchHit;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.filter.FilterParser;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.group.GroupBy;
import dev.trawl.query.group.GroupedResult;
import dev.trawl.query.group.ResultGrouper;
import dev.trawl.query.vector.VectorRetriever;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two meetings written for the project (plus one ordinary document and one restricted meeting)
 * indexed as transcripts: snippets, transcript filters in search and multi_search, grouping by
 * meeting and fetch with context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscriptSearchIT {
  private static final String SYNC = "platform-sync-2026-03-04";
  private static final String PRICING = "pricing-committee-2026-03-09";
  private static final String SECRET = "leadership-2026-03-20";

  private DocumentCollection collection;
  private HybridSearcher searcher;
  private ExecutorService pool;

  @BeforeAll
  void index(@TempDir Path dir) throws Exception {
    HashingEmbedder embedder = new HashingEmbedder(64);
    collection = DocumentCollection.open("t", dir, embedder, CollectionOptions.defaults());
    TranscriptIndexer indexer = new TranscriptIndexer(TranscriptChunking.defaults().withMaxTokens(120));
    BracketTimestampParser parser = new BracketTimestampParser();
    indexer.index(collection, parser.parse(Fixtures.read("platform-sync.txt"), "sync")
        .withMeeting(SYNC, "Weekly platform sync", "2026-03-04"), List.of());
    indexer.index(collection, parser.parse(Fixtures.read("pricing-committee.txt"), "pricing")
        .withMeeting(PRICING, "Pricing committee", "2026-03-09"), List.of());
    indexer.index(collection, new Transcript(SECRET, "Leadership staff", "2026-03-20", List.of(),
        parser.parse("[00:00:01] Dana Whitfield: The reorg of the rate limit team stays confidential.", "s")
            .turns()), List.of("group:leads"));
    collection.upsert(List.of(SourceDocument.of("doc-rate-limits", "Design note: rate limiting",
        "Token bucket per API key, 429 with Retry-After.")));
    collection.commit();
    pool = Executors.newFixedThreadPool(2);
    searcher = new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(), VectorRetriever.Params.DEFAULT, pool);
  }

  @AfterAll
  void close() throws Exception {
    pool.shutdown();
    collection.close();
  }

  private List<SearchHit> search(String query, SearchFilter filter) {
    try (CollectionSnapshot s = collection.snapshot()) {
      return searcher.search(s, SearchRequest.of(query).withK(10).withFilter(filter.withPrincipals(Set.of()))).hits();
    }
  }

  @Test
  void transcriptHitsShowTimedSpeakerLinesAndMeetingInfo() {
    List<SearchHit> hits = search("pg_partman extension upgrade before the cutover", SearchFilter.NONE);
    SearchHit top = hits.get(0);
    assertTrue(top.docId().startsWith(SYNC + "#c"), top.docId());
    assertEquals("Weekly platform sync", top.title());
    assertEquals("2026-03-04", top.metadata().get("date"));
    assertTrue(top.snippet().contains("[00:00:31-00:01:40] Tom Lee: The logical replica of core-db"), top.snippet());
    for (String line : top.snippet().split("\n")) {
      assertTrue(line.matches("\\[\\d\\d:\\d\\d:\\d\\d(-\\d\\d:\\d\\d:\\d\\d)?] [A-Z][a-z]+ [A-Z][a-z]+: .+"), line);
    }
    assertFalse(top.snippet().contains("{"), "noise markers never reach the index");
  }

  @Test
  void speakerFilterMatchesNormalisedAndFirstNames() {
    for (String name : List.of("Priya Raman", "priya", "PRIYA  RAMAN")) {
      List<SearchHit> hits = search("rate limits", FilterParser.parse(Map.of("speaker", name)));
      assertFalse(hits.isEmpty(), name);
      for (SearchHit h : hits) {
        assertTrue(((List<?>) h.metadata().get("speakers")).contains("Priya Raman"), name + ": " + h.docId());
      }
    }
    List<SearchHit> tom = search("rate limits", FilterParser.parse(Map.of("speaker", "Tom")));
    assertTrue(tom.stream().allMatch(h -> h.docId().startsWith(SYNC)), "only the sync meeting has a Tom");
  }

  @Test
  void meetingAndDateFiltersRestrictToMeetings() {
    List<SearchHit> byId = search("rate limits", FilterParser.parse(Map.of("meeting_id", PRICING)));
    assertFalse(byId.isEmpty());
    assertTrue(byId.stream().allMatch(h -> h.docId().startsWith(PRICING)));
    List<SearchHit> byDate = search("rate limits", FilterParser.parse(Map.of("date_from", "2026-03-05")));
    assertFalse(byDate.isEmpty());
    assertTrue(byDate.stream().allMatch(h -> h.docId().startsWith(PRICING)), "the sync (03-04) and the doc are out");
    List<SearchHit> upTo = search("rate limits", FilterParser.parse(Map.of("date_to", "2026-03-04")));
    assertTrue(upTo.stream().allMatch(h -> h.docId().startsWith(SYNC)));
  }

  @Test
  void filtersWorkInMultiSearchToo() {
    FanOutSearcher fanOut = new FanOutSearcher(searcher, pool);
    try (CollectionSnapshot s = collection.snapshot()) {
      MultiSearchRequest r = MultiSearchRequest.of(List.of("rate limits per key", "enterprise price"))
          .withFilter(FilterParser.parse(Map.of("speaker", "Priya")).withPrincipals(Set.of()));
      List<MultiSearchHit> hits = fanOut.search(s, r).results();
      assertFalse(hits.isEmpty());
      for (MultiSearchHit h : hits) {
        assertTrue(((List<?>) h.metadata().get("speakers")).contains("Priya Raman"), h.docId());
        assertTrue(h.snippet().isEmpty() || h.snippet().contains("] "), h.snippet());
      }
    }
  }

  @Test
  void groupByMeetingCollapsesToOneEntryPerMeetingWithItsBestChunks() {
    ResultGrouper grouper = new ResultGrouper(searcher);
    try (CollectionSnapshot s = collection.snapshot()) {
      SearchRequest r = SearchRequest.of("API rate limits per key").withK(3).withMode(SearchMode.LEXICAL)
          .withFilter(SearchFilter.NONE.withPrincipals(Set.of()));
      GroupedResult<SearchHit> g = grouper.search(s, r, GroupBy.meeting().withPerGroup(2));
      List<String> keys = g.groups().stream().map(x -> x.key()).toList();
      assertEquals(3, keys.size(), keys.toString());
      assertTrue(keys.containsAll(List.of(SYNC, PRICING, "doc-rate-limits")), keys.toString());
      assertFalse(keys.contains(SECRET), "restricted meetings stay hidden");
      for (var group : g.groups()) {
        assertTrue(group.hits().size() <= 2);
        for (SearchHit h : group.hits()) {
          assertTrue(h.docId().startsWith(group.key()), h.docId());
        }
        assertEquals(group.hits().get(0).score(), group.score());
      }
      List<SearchHit> flat = searcher.search(s, r.withK(10)).hits();
      assertEquals(flat.get(0).docId(), g.groups().get(0).hits().get(0).docId(), "the best hit leads the best group");

      GroupedResult<MultiSearchHit> multi = grouper.multiSearch(new FanOutSearcher(searcher, pool), s,
          MultiSearchRequest.of(List.of("rate limits", "Enterprise price")).withK(2)
              .withFilter(SearchFilter.NONE.withPrincipals(Set.of())), GroupBy.meeting());
      assertEquals(2, multi.groups().size());
      assertTrue(multi.groups().stream().allMatch(x -> x.hits().stream().allMatch(h -> h.docId().startsWith(x.key()))));
    }
  }

  @Test
  void fetchWithContextReturnsWholeSurroundingTurns() {
    try (CollectionSnapshot s = collection.snapshot()) {
      String chunk = search("pg_partman extension upgrade", SearchFilter.NONE).get(0).passage().id();
      TranscriptContext.Window own = TranscriptContext.fetch(s, chunk, 0, 0, null);
      assertEquals(SYNC, own.meetingId());
      assertEquals("Weekly platform sync", own.title());
      assertTrue(own.turns().stream().allMatch(TranscriptContext.ContextTurn::inChunk));
      TranscriptContext.Window wide = TranscriptContext.fetch(s, chunk, 2, 3, null);
      assertEquals(own.turns().size() + 5, wide.turns().size());
      assertEquals(own.turns().get(0), wide.turns().get(2));
      assertFalse(wide.turns().get(0).inChunk());
      List<Integer> indexes = wide.turns().stream().map(TranscriptContext.ContextTurn::index).toList();
      for (int i = 1; i < indexes.size(); i++) {
        assertTrue(indexes.get(i) > indexes.get(i - 1), indexes.toString());
      }

      TranscriptContext.Window all = TranscriptContext.fetch(s, SYNC + "#c0", 0, 200, null);
      assertFalse(all.moreBefore());
      assertFalse(all.moreAfter());
      assertEquals(23, all.turns().size(), "every turn once, the noise-only one dropped");
      assertEquals("Sarah Sachs", all.turns().get(10).speaker(), "'Sarah' resolved to the full name");
      assertTrue(all.turns().get(13).text().startsWith("Right. Harborline polls"));
      assertTrue(all.turns().get(13).text().endsWith("before anyone actually is."), "whole turn, joined");
      assertEquals(151.0, all.turns().get(13).start());

      assertThrows(NoSuchElementException.class, () -> TranscriptContext.fetch(s, SECRET + "#c0", 1, 1,
          Set.of("user:someone")));
      assertEquals(SECRET, TranscriptContext.fetch(s, SECRET + "#c0", 1, 1, Set.of("group:leads")).meetingId());
      assertThrows(NoSuchElementException.class, () -> TranscriptContext.fetch(s, SYNC + "#c99", 1, 1, null));
      assertThrows(IllegalArgumentException.class, () -> TranscriptContext.fetch(s, "doc-rate-limits", 1, 1, null));
    }
  }
}
