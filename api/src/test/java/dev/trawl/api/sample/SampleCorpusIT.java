package dev.trawl.api.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.ingest.ProgressListener;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.filter.SearchFilter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes the bundled sample corpus with the real embedder into a temporary data folder and
 * checks that the known queries of {@code sample/queries.jsonl} find their documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleCorpusIT {
  // Static: JUnit injects instance @TempDir fields only after @BeforeAll has run under PER_CLASS.
  @TempDir static Path data;
  private Engine engine;
  private DocumentCollection collection;

  record Known(String query, List<String> expected, String kind) {}

  @BeforeAll
  void index() throws Exception {
    engine = Engine.open(data, CollectionOptions.defaults());
    collection = engine.catalog().openOrCreate(SampleCorpus.COLLECTION);
    SampleCorpus.indexIfEmpty(collection, ProgressListener.NONE);
  }

  @AfterAll
  void close() throws Exception {
    engine.close();
  }

  static List<Known> known() throws Exception {
    List<Known> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (var in = new BufferedReader(new InputStreamReader(
        SampleCorpusIT.class.getResourceAsStream("/sample/queries.jsonl"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        List<String> expected = new ArrayList<>();
        n.get("expected").forEach(e -> expected.add(e.asText()));
        out.add(new Known(n.get("query").asText(), expected, n.get("kind").asText()));
      }
    }
    return out;
  }

  private List<String> top(String query, SearchMode mode, int k, SearchFilter filter) {
    try (CollectionSnapshot s = collection.snapshot()) {
      return engine.searcher().search(s, SearchRequest.of(query).withMode(mode).withK(k).withFilter(filter))
          .hits().stream().map(SearchHit::docId).toList();
    }
  }

  @Test
  void everyDocumentIsIndexedAndTheLongOnesAreSplit() throws Exception {
    List<SourceDocument> docs = SampleCorpus.documents();
    var stats = collection.stats();
    assertEquals(docs.size(), stats.documents());
    assertTrue(stats.passages() > stats.documents(), "long documents should yield several passages: " + stats);
    assertEquals(stats.passages(), stats.vectors());
  }

  @Test
  void hybridFindsEveryKnownDocumentInTheTopFive() throws Exception {
    List<String> misses = new ArrayList<>();
    List<String> paraphraseMisses = new ArrayList<>();
    for (Known k : known()) {
      SearchFilter filter = k.kind().equals("acl") ? SearchFilter.NONE : SearchFilter.NONE.withPrincipals(Set.of());
      List<String> got = top(k.query(), SearchMode.HYBRID, 5, filter);
      for (String e : k.expected()) {
        if (!got.contains(e)) {
          (k.kind().equals("paraphrase") ? paraphraseMisses : misses).add(k.query() + " -> expected " + e + ", got "
              + got);
        }
      }
    }
    assertTrue(misses.isEmpty(), String.join("\n", misses));
    // As for vector search alone (below), one paraphrase with no word in common may miss: with
    // BGE-small, "typed my login into a fake website" does not reach the phishing policy.
    assertTrue(paraphraseMisses.size() <= 1, String.join("\n", paraphraseMisses));
  }

  @Test
  void paraphrasesNeedTheVectorRetriever() throws Exception {
    int vectorFound = 0;
    int paraphrases = 0;
    for (Known k : known()) {
      if (!k.kind().equals("paraphrase")) {
        continue;
      }
      paraphrases++;
      if (top(k.query(), SearchMode.VECTOR, 5, SearchFilter.NONE).contains(k.expected().get(0))) {
        vectorFound++;
      }
    }
    assertTrue(paraphrases > 0);
    assertTrue(vectorFound >= paraphrases - 1, vectorFound + " of " + paraphrases + " paraphrases found by vector search");
  }

  @Test
  void restrictedDocumentsStayHiddenFromOtherPrincipals() throws Exception {
    for (Known k : known()) {
      if (!k.kind().equals("acl")) {
        continue;
      }
      for (SearchMode mode : SearchMode.values()) {
        List<String> got = top(k.query(), mode, 20, SearchFilter.NONE.withPrincipals(Set.of("user:nobody")));
        for (String e : k.expected()) {
          assertFalse(got.contains(e), mode + ": " + e + " leaked to user:nobody");
        }
      }
    }
  }
}
