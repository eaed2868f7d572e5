package dev.trawl.query.fanout;

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
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchMode;
import dev.trawl.query.TokenEstimate;
import dev.trawl.query.vector.VectorRetriever;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanOutSearcherIT {
  @TempDir Path dir;
  private DocumentCollection collection;
  private ExecutorService pool;
  private FanOutSearcher fanOut;

  @BeforeEach
  void setUp() throws Exception {
    var embedder = new HashingEmbedder(64);
    collection = DocumentCollection.open("t", dir, embedder, CollectionOptions.defaults());
    List<SourceDocument> docs = new ArrayList<>();
    docs.add(SourceDocument.of("db", "Database failover", "Promote the replica when the primary database fails."));
    docs.add(SourceDocument.of("kafka", "Consumer lag", "Kafka consumers fell behind during a rebalance."));
    docs.add(SourceDocument.of("tls", "Certificates", "Rotate TLS certificates before they expire."));
    docs.add(SourceDocument.of("both", "Database and Kafka", "The database outage caused Kafka consumer lag."));
    for (int i = 0; i < 20; i++) {
      docs.add(SourceDocument.of("filler-" + i, "Filler " + i, "Unrelated text about gardening number " + i + "."));
    }
    collection.upsert(docs);
    collection.commit();
    pool = Executors.newFixedThreadPool(2);
    fanOut = new FanOutSearcher(new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(),
        VectorRetriever.Params.DEFAULT, pool), pool);
  }

  @AfterEach
  void tearDown() throws Exception {
    pool.shutdown();
    collection.close();
  }

  private MultiSearchResult run(MultiSearchRequest r) {
    try (CollectionSnapshot s = collection.snapshot()) {
      return fanOut.search(s, r);
    }
  }

  @Test
  void attributesEachResultToTheQueriesThatFoundIt() {
    var r = run(MultiSearchRequest.of(List.of("database failover", "kafka consumer lag")).withMode(SearchMode.LEXICAL));
    MultiSearchHit both = r.results().stream().filter(h -> h.docId().equals("both")).findFirst().orElseThrow();
    assertEquals(Set.of(0, 1), both.matched().stream().map(QueryMatch::queryIndex).collect(
        java.util.stream.Collectors.toSet()));
    MultiSearchHit db = r.results().stream().filter(h -> h.docId().equals("db")).findFirst().orElseThrow();
    assertEquals(List.of(new QueryMatch(0, 1)), db.matched());
    // documents found by both queries outrank those found by one
    assertEquals("both", r.results().get(0).docId());
  }

  @Test
  void eachQuerysBestHitsLeadAheadOfDocumentsBothRankLow() throws Exception {
    // Two unrelated questions. Each has 8 documents of its own; 3 long documents mention both
    // words once and come 9th-11th in both lists. With RRF's usual k = 60 those three would
    // lead the merged list (2/69 > 1/61); merged at CROSS_QUERY_RRF_K, each query's own best
    // documents come first.
    List<SourceDocument> docs = new ArrayList<>();
    String filler = " The quarterly report covers staffing, budgets, travel and office moves in detail.";
    for (int i = 0; i < 8; i++) {
      docs.add(SourceDocument.of("alpha-" + i, "Note " + i, "zebra ".repeat(8 - i) + "habitat survey."));
      docs.add(SourceDocument.of("beta-" + i, "Memo " + i, "glacier ".repeat(8 - i) + "melt survey."));
    }
    for (int i = 0; i < 3; i++) {
      docs.add(SourceDocument.of("generic-" + i, "Report " + i, "A zebra and a glacier." + filler.repeat(3 + i)));
    }
    var embedder = new HashingEmbedder(64);
    try (DocumentCollection c = DocumentCollection.open("diverse", dir.resolve("diverse"), embedder,
        CollectionOptions.defaults())) {
      c.upsert(docs);
      c.commit();
      try (CollectionSnapshot s = c.snapshot()) {
        MultiSearchResult r = fanOut.search(s, MultiSearchRequest.of(List.of("zebra", "glacier"))
            .withMode(SearchMode.LEXICAL).withK(4));
        List<String> ids = r.results().stream().map(MultiSearchHit::docId).toList();
        assertEquals(Set.of("alpha-0", "alpha-1", "beta-0", "beta-1"), Set.copyOf(ids), ids.toString());
        MultiSearchHit generic = fanOut.search(s, MultiSearchRequest.of(List.of("zebra", "glacier"))
            .withMode(SearchMode.LEXICAL).withK(30)).results().stream()
            .filter(h -> h.docId().equals("generic-0")).findFirst().orElseThrow();
        assertEquals(2, generic.matched().size(), "found by both queries, just low in each");
        assertTrue(generic.matched().stream().allMatch(m -> m.rank() >= 9), generic.matched().toString());
      }
    }
  }

  @Test
  void deduplicatesByDocumentAndReportsNewDocumentsPerQuery() {
    var r = run(MultiSearchRequest.of(List.of("kafka consumer", "kafka consumer lag", "tls certificates"))
        .withMode(SearchMode.LEXICAL));
    Set<String> ids = new HashSet<>();
    r.results().forEach(h -> assertTrue(ids.add(h.docId()), "duplicate " + h.docId()));
    assertEquals(2, r.perQuery().get(0).newDocuments()); // kafka, both
    assertEquals(0, r.perQuery().get(1).newDocuments()); // redundant with query 0
    assertEquals(1, r.perQuery().get(2).newDocuments()); // tls
    for (int i = 0; i < r.results().size(); i++) {
      assertEquals(i + 1, r.results().get(i).rank());
    }
  }

  @Test
  void tokenBudgetCapsTheSnippetsOfAPage() {
    var r = run(MultiSearchRequest.of(List.of("database", "kafka", "certificates", "gardening")).withTokenBudget(40));
    assertTrue(r.snippetTokens() <= 40, "used " + r.snippetTokens());
    int sum = r.results().stream().mapToInt(h -> TokenEstimate.of(h.snippet())).sum();
    assertEquals(r.snippetTokens(), sum);
    assertTrue(r.budgetExhausted());
    assertFalse(r.results().get(0).snippet().isEmpty());
  }

  @Test
  void pagesWalkTheWholeFusedListWithoutGapsOrDuplicates() {
    var request = MultiSearchRequest.of(List.of("gardening", "database", "kafka")).withK(5);
    try (CollectionSnapshot s = collection.snapshot()) {
      var plan = fanOut.execute(s, request);
      List<String> walked = new ArrayList<>();
      for (int offset = 0; offset < plan.entries().size(); offset += 5) {
        fanOut.page(s, plan, offset, 5).results().forEach(h -> walked.add(h.docId()));
      }
      assertEquals(plan.entries().stream().map(FanOutSearcher.Entry::docId).toList(), walked);
      assertEquals(walked.size(), new HashSet<>(walked).size());
    }
  }

  @Test
  void rejectsTooManyQueries() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= MultiSearchRequest.MAX_QUERIES; i++) {
      many.add("q" + i);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> MultiSearchRequest.of(many));
    assertTrue(e.getMessage().contains(String.valueOf(MultiSearchRequest.MAX_QUERIES)));
  }

  @Test
  void queriesStillRunningAtTheDeadlineAreLeftOutAndReported() {
    // An executor that never runs its tasks: every sub-query misses the deadline.
    var stuck = new FanOutSearcher(new HybridSearcher(new HashingEmbedder(64), TextAnalysis.englishAnalyzer(),
        VectorRetriever.Params.DEFAULT, null), task -> {});
    try (CollectionSnapshot s = collection.snapshot()) {
      var out = stuck.execute(s, MultiSearchRequest.of(List.of("database", "kafka")), System.nanoTime() + 20_000_000L);
      assertEquals(List.of(0, 1), out.timedOut());
      assertTrue(out.partial());
      assertTrue(out.entries().isEmpty());
      assertEquals(0, out.perQuery().get(1).hits());
    }
    try (CollectionSnapshot s = collection.snapshot()) {
      var out = fanOut.execute(s, MultiSearchRequest.of(List.of("database", "kafka")), System.nanoTime() + 10_000_000_000L);
      assertFalse(out.partial());
      assertFalse(out.entries().isEmpty());
    }
  }
}
