package dev.trawl.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.IncompatibleCollectionException;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.indexer.vector.HnswVectorIndex;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.testing.SeededRandomExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.search.DocIdSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end over a real collection folder: index, search in every mode, update, delete, reopen. */
@ExtendWith(SeededRandomExtension.class)
class HybridSearcherIT {
  @TempDir Path dir;

  private final Embedder embedder = new HashingEmbedder(64);

  private static final List<SourceDocument> DOCS = List.of(
      new SourceDocument("db", "Database failover runbook",
          "When the primary database fails, promote the replica and repoint the connection pooler.",
          Map.of("type", "runbook", "team", "platform"), List.of()),
      new SourceDocument("kafka", "Consumer lag postmortem",
          "Kafka consumers fell behind because a partition rebalance stalled the event stream.",
          Map.of("type", "postmortem", "team", "data"), List.of()),
      new SourceDocument("pay", "Compensation review 2026",
          "Salary bands and the compensation review calendar for the finance and leadership teams.",
          Map.of("type", "policy"), List.of("group:hr")),
      new SourceDocument("tls", "TLS certificate rotation",
          "Rotate certificates ninety days before expiry using the automated renewal job.",
          Map.of("type", "runbook", "team", "security"), List.of()));

  private DocumentCollection open(Path folder, Embedder e) throws Exception {
    return DocumentCollection.open("test", folder, e,
        CollectionOptions.defaults().withChunking(new ChunkingConfig(32, 8)));
  }

  private HybridSearcher searcher(Embedder e) {
    return new HybridSearcher(e, TextAnalysis.englishAnalyzer(), VectorRetriever.Params.DEFAULT, null);
  }

  private List<String> ids(DocumentCollection c, SearchRequest r) {
    try (CollectionSnapshot s = c.snapshot()) {
      return searcher(c.embedder()).search(s, r).hits().stream().map(SearchHit::docId).toList();
    }
  }

  @Test
  void findsDocumentsInEveryMode() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commit();
      for (SearchMode mode : SearchMode.values()) {
        List<String> got = ids(c, SearchRequest.of("primary database failover").withMode(mode).withK(2));
        assertEquals("db", got.get(0), mode + " " + got);
      }
      try (CollectionSnapshot s = c.snapshot()) {
        SearchHit hit = searcher(embedder).search(s, SearchRequest.of("kafka consumers")).hits().get(0);
        assertEquals("kafka", hit.docId());
        assertEquals("Consumer lag postmortem", hit.title());
        assertEquals("postmortem", hit.metadata().get("type"));
        assertNotNull(hit.lexical());
        assertNotNull(hit.vector());
        assertTrue(hit.snippet().contains("Kafka"), hit.snippet());
      }
    }
  }

  @Test
  void upsertReplacesAndDeleteRemovesFromBothRetrievers() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commit();
      c.upsert(List.of(SourceDocument.of("db", "Database notes", "Backups run nightly to object storage.")));
      c.commit();
      for (SearchMode mode : SearchMode.values()) {
        assertFalse(ids(c, SearchRequest.of("failover replica pooler").withMode(mode)).contains("db")
            && mode == SearchMode.LEXICAL, mode.toString());
        assertEquals("db", ids(c, SearchRequest.of("nightly backups object storage").withMode(mode)).get(0));
      }
      c.delete("kafka");
      c.commit();
      for (SearchMode mode : SearchMode.values()) {
        assertFalse(ids(c, SearchRequest.of("kafka consumer lag partition").withMode(mode)).contains("kafka"));
      }
      assertEquals(3, c.stats().documents());
      assertEquals(c.stats().passages(), c.stats().vectors());
    }
  }

  @Test
  void longDocumentsAreSplitAndTheBestPassageIsTheSnippet() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      text.append("Sentence number ").append(i).append(" talks about generic filler content. ");
    }
    int needleStart = text.length();
    text.append("The zebra migration crossed the river at dawn. ");
    for (int i = 0; i < 30; i++) {
      text.append("More filler sentence ").append(i).append(" follows here. ");
    }
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(List.of(SourceDocument.of("long", "Field notes", text.toString())));
      c.commit();
      assertTrue(c.stats().passages() > 3, "expected several passages, got " + c.stats().passages());
      try (CollectionSnapshot s = c.snapshot()) {
        SearchHit hit = searcher(embedder).search(s, SearchRequest.of("zebra migration river")
            .withMode(SearchMode.LEXICAL)).hits().get(0);
        assertEquals("long", hit.docId());
        assertTrue(hit.passage().start() <= needleStart && needleStart < hit.passage().end(), hit.passage().toString());
        assertTrue(hit.snippet().contains("zebra migration"), hit.snippet());
      }
    }
  }

  @Test
  void passageKeysFollowTheBlockLayoutAcrossSegmentsAndUpdates() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      text.append("Sentence number ").append(i).append(" talks about generic filler content. ");
    }
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commit();
      c.upsert(List.of(SourceDocument.of("long", "Field notes", text.toString())));
      c.commit();
      c.upsert(List.of(SourceDocument.of("db", "Database notes", "Backups run nightly. " + text))); // deletes the old block
      c.commit();
      try (CollectionSnapshot s = c.snapshot()) {
        assertTrue(s.reader().leaves().size() > 1, "expected several segments");
        int checked = 0;
        for (var leaf : s.reader().leaves()) {
          var live = leaf.reader().getLiveDocs();
          var pids = leaf.reader().getSortedDocValues(IndexFields.PASSAGE_ID);
          for (int d = pids.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pids.nextDoc()) {
            if (live != null && !live.get(d)) {
              continue;
            }
            int doc = leaf.docBase + d;
            int parent = PassageKeys.parent(s.reader(), doc);
            String docId = PassageKeys.docIds(s.reader(), new int[] {parent})[0];
            PassageCandidate p = new PassageCandidate(doc, parent, 1f, 1);
            assertEquals(pids.lookupOrd(pids.ordValue()).utf8ToString(), PassageKeys.passageId(docId, p));
            assertEquals(s.findDocument(docId), parent, "the document entry heads the block");
            checked++;
          }
        }
        assertEquals(c.stats().passages(), checked);
        assertTrue(checked > 6, "expected multi-passage documents, got " + checked + " passages");
      }
    }
  }

  /** Every live entry's document id read straight from the doc values, no cache. */
  private static String[] directDocIds(CollectionSnapshot s, int[] docs) throws Exception {
    String[] out = new String[docs.length];
    for (int i = 0; i < docs.length; i++) {
      var leaves = s.reader().leaves();
      var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(docs[i], leaves));
      var dv = leaf.reader().getSortedDocValues(IndexFields.DOC_ID);
      assertTrue(dv.advanceExact(docs[i] - leaf.docBase));
      out[i] = dv.lookupOrd(dv.ordValue()).utf8ToString();
    }
    return out;
  }

  private static int[] liveEntries(CollectionSnapshot s) {
    List<Integer> docs = new java.util.ArrayList<>();
    for (var leaf : s.reader().leaves()) {
      var live = leaf.reader().getLiveDocs();
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if (live == null || live.get(d)) {
          docs.add(leaf.docBase + d);
        }
      }
    }
    return docs.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void cachedDocumentIdsMatchTheDocValuesAcrossSegmentChanges() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      for (int round = 0; round < 4; round++) {
        List<SourceDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
          // overlapping ids: later rounds replace earlier documents and leave deletions behind
          docs.add(SourceDocument.of("doc-" + (round * 7 + i), "Title " + round, "Round " + round + " text " + i));
        }
        c.upsert(docs);
        c.commit();
        try (CollectionSnapshot s = c.snapshot()) {
          int[] entries = liveEntries(s);
          String[] expected = directDocIds(s, entries);
          // cold, then from the cache, then in reverse order: always the doc values' ids
          assertArrayEquals(expected, PassageKeys.docIds(s.reader(), entries), "round " + round + " cold");
          assertArrayEquals(expected, PassageKeys.docIds(s.reader(), entries), "round " + round + " cached");
          int[] reversed = new int[entries.length];
          String[] expectedReversed = new String[entries.length];
          for (int i = 0; i < entries.length; i++) {
            reversed[i] = entries[entries.length - 1 - i];
            expectedReversed[i] = expected[entries.length - 1 - i];
          }
          assertArrayEquals(expectedReversed, PassageKeys.docIds(s.reader(), reversed));
        }
      }
    }
  }

  @Test
  void filtersByMetadataAndPrincipals() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commit();
      SearchFilter runbooks = new SearchFilter(Map.of("type", List.of("runbook")), null);
      for (SearchMode mode : SearchMode.values()) {
        List<String> got = ids(c, SearchRequest.of("rotation database").withMode(mode).withFilter(runbooks));
        assertTrue(Set.of("db", "tls").containsAll(got) && !got.isEmpty(), mode + " " + got);
        List<String> anon = ids(c, SearchRequest.of("compensation salary bands").withMode(mode)
            .withFilter(SearchFilter.NONE.withPrincipals(Set.of("user:bob"))));
        assertFalse(anon.contains("pay"), mode + " leaked: " + anon);
        List<String> hr = ids(c, SearchRequest.of("compensation salary bands").withMode(mode)
            .withFilter(SearchFilter.NONE.withPrincipals(Set.of("group:hr"))));
        assertEquals("pay", hr.get(0), mode.toString());
      }
    }
  }

  @Test
  void reopenUsesSavedGraphAndRebuildsAMissingOne() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commitAndSaveVectors();
    }
    assertTrue(Files.exists(dir.resolve(HnswVectorIndex.FILE_NAME)));
    try (DocumentCollection c = open(dir, embedder)) {
      assertEquals(c.stats().passages(), c.stats().vectors());
      assertEquals("tls", ids(c, SearchRequest.of("certificate expiry renewal").withMode(SearchMode.VECTOR)).get(0));
    }
    Files.delete(dir.resolve(HnswVectorIndex.FILE_NAME));
    try (DocumentCollection c = open(dir, embedder)) {
      assertEquals(c.stats().passages(), c.stats().vectors());
      assertEquals("tls", ids(c, SearchRequest.of("certificate expiry renewal").withMode(SearchMode.VECTOR)).get(0));
    }
  }

  @Test
  void staleGraphCatchesUpWithCommittedWrites() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commitAndSaveVectors();
      // committed but the graph is not saved again: its stamp is now stale
      c.upsert(List.of(SourceDocument.of("new", "Quarterly roadmap", "The roadmap adds multi region support.")));
      c.delete("db");
      c.commit();
      // simulate a crash: the saved graph stays as it was
      Files.copy(dir.resolve(HnswVectorIndex.FILE_NAME), dir.resolve("graph.bak"));
      Files.copy(dir.resolve(HnswVectorIndex.STAMP_FILE_NAME), dir.resolve("stamp.bak"));
    }
    Files.move(dir.resolve("graph.bak"), dir.resolve(HnswVectorIndex.FILE_NAME),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.move(dir.resolve("stamp.bak"), dir.resolve(HnswVectorIndex.STAMP_FILE_NAME),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (DocumentCollection c = open(dir, embedder)) {
      assertEquals(c.stats().passages(), c.stats().vectors());
      List<String> got = ids(c, SearchRequest.of("roadmap multi region").withMode(SearchMode.VECTOR));
      assertEquals("new", got.get(0));
      assertFalse(ids(c, SearchRequest.of("database failover replica").withMode(SearchMode.VECTOR)).contains("db"));
    }
  }

  @Test
  void refusesACollectionBuiltWithAnotherEmbedder() throws Exception {
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commit();
    }
    var e = assertThrows(IncompatibleCollectionException.class, () -> open(dir, new HashingEmbedder(32)));
    assertTrue(e.getMessage().contains("embedder"), e.getMessage());
  }

  @Test
  void hostileQueriesReturnResultsOrNothingButNeverThrow(Random random) throws Exception {
    List<String> hostile = new ArrayList<>(List.of("", " ", "\t\n", "+", "-", "\"", ":", "(", ")", "*", "?", "~", "\\",
        "/", "AND OR NOT", "title:(db", "\"unterminated", "a* b? c~2 [1 TO 5] {x}", "^2", "&&||!", "\u0000\u0001",
        "🦜🦜", "ｆｕｌｌｗｉｄｔｈ", "'; DROP TABLE docs; --", "<script>alert(1)</script>", "%s%n%x",
        "x".repeat(100_000), "the of and a"));
    String alphabet = "abc +-\"():*?~\\/^!{}[]&|\u00e9\u4e2d\ud83e\udd9c \t\n\u0000";
    for (int i = 0; i < 200; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      hostile.add(sb.toString());
    }
    try (DocumentCollection c = open(dir, embedder)) {
      c.upsert(DOCS);
      c.commit();
      for (String q : hostile) {
        for (SearchMode mode : SearchMode.values()) {
          try (CollectionSnapshot s = c.snapshot()) {
            SearchResult r = searcher(embedder).search(s, SearchRequest.of(q).withMode(mode));
            assertNotNull(r.hits());
          }
        }
      }
    }
  }
}
