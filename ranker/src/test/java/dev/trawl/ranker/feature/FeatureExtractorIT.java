package dev.trawl.ranker.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.StoredPassage;
import dev.trawl.query.rerank.FanOutSignals;
import dev.trawl.query.vector.VectorRetriever;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature values on a tiny hand-built index, checked against values worked out by hand from the
 * analyzed text (English analyzer: stop words dropped, Porter stems):
 *
 * <pre>
 * d1 contents "Cat food\n\nThe cat eats fish. Dogs chase the cat."
 *    -> cat@0 food@1 cat@3 eat@4 fish@5 dog@6 chase@7 cat@9   (8 tokens; title: cat food, 2 tokens)
 * d2 contents "Dog training\n\nTraining a dog takes patience and treats."
 *    -> dog train train dog take patienc treat                  (7 tokens; title 2 tokens)
 * d3 contents "Fish\n\nFish swim in water."
 *    -> fish fish swim water                                    (4 tokens; title 1 token)
 * </pre>
 *
 * So over 3 passages: contents has 19 tokens (avgdl 19/3), title 5 (avgdl 5/3), df(cat)=1 and
 * df(fish)=2 in contents, df(cat)=1 and df(fish)=1 in title.
 */
class FeatureExtractorIT {
  private static final float K1 = 0.9f;
  private static final float B = 0.4f;

  @TempDir Path dir;
  private final HashingEmbedder embedder = new HashingEmbedder(32);
  private DocumentCollection collection;
  private final HybridSearcher searcher =
      new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(), VectorRetriever.Params.DEFAULT, null);
  private final FeatureExtractor extractor = new FeatureExtractor(TextAnalysis.englishAnalyzer());

  @BeforeEach
  void index() throws Exception {
    collection = DocumentCollection.open("t", dir, embedder,
        CollectionOptions.defaults().withChunking(new ChunkingConfig(16, 0)));
    collection.upsert(List.of(
        SourceDocument.of("d1", "Cat food", "The cat eats fish. Dogs chase the cat."),
        SourceDocument.of("d2", "Dog training", "Training a dog takes patience and treats."),
        SourceDocument.of("d3", "Fish", "Fish swim in water.")));
    collection.commit();
  }

  @AfterEach
  void close() throws Exception {
    collection.close();
  }

  private static double bm25(double idf, double tf, double dl, double avgdl) {
    return idf * tf / (tf + K1 * (1 - B + B * dl / avgdl));
  }

  private static double idf(double df, double n) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  @Test
  void valuesMatchHandComputation() {
    String query = "cat fish";
    try (CollectionSnapshot s = collection.snapshot()) {
      SearchRequest request = SearchRequest.of(query).withK(10);
      float[] qv = embedder.embedQuery(query);
      HybridSearcher.Retrieved r = searcher.retrieve(s, request, qv);
      FeatureMatrix m = extractor.extract(s, query, qv, r, 10, null);
      assertEquals(3, m.rows(), "all three documents are candidates (vector search finds every one)");
      int d1 = m.docIds().indexOf("d1");
      int d2 = m.docIds().indexOf("d2");
      int d3 = m.docIds().indexOf("d3");

      double idfCatContents = idf(1, 3);
      double idfFishContents = idf(2, 3);
      double idfCatTitle = idf(1, 3);
      double expectedContents = bm25(idfCatContents, 3, 8, 19 / 3.0) + bm25(idfFishContents, 1, 8, 19 / 3.0);
      assertEquals(expectedContents, m.get(d1, RankingFeature.BM25_CONTENTS), 1e-5);
      assertEquals(bm25(idfCatTitle, 1, 2, 5 / 3.0), m.get(d1, RankingFeature.BM25_TITLE), 1e-5);
      // text = contents minus title: cat tf 2, fish tf 1, length 6, average (19 - 5) / 3
      double expectedText = bm25(idfCatContents, 2, 6, 14 / 3.0) + bm25(idfFishContents, 1, 6, 14 / 3.0);
      assertEquals(expectedText, m.get(d1, RankingFeature.BM25_TEXT), 1e-5);
      assertEquals(1.0, m.get(d1, RankingFeature.QUERY_TERM_COVERAGE), 1e-6);
      assertEquals(1.0, m.get(d1, RankingFeature.QUERY_IDF_COVERAGE), 1e-6);
      assertEquals(0.5, m.get(d1, RankingFeature.TITLE_TERM_COVERAGE), 1e-6);
      assertEquals(3, m.get(d1, RankingFeature.MIN_COVER_WINDOW), "cat@3 eat@4 fish@5");
      assertEquals(8, m.get(d1, RankingFeature.PASSAGE_LENGTH));
      assertEquals(8, m.get(d1, RankingFeature.DOCUMENT_LENGTH));
      assertEquals(1, m.get(d1, RankingFeature.DOCUMENT_PASSAGES));
      assertEquals(2, m.get(d1, RankingFeature.QUERY_LENGTH));

      // d2 has neither term
      assertEquals(0, m.get(d2, RankingFeature.BM25_CONTENTS));
      assertEquals(0, m.get(d2, RankingFeature.QUERY_TERM_COVERAGE));
      assertTrue(Float.isNaN(m.get(d2, RankingFeature.MIN_COVER_WINDOW)));
      assertTrue(Float.isNaN(m.get(d2, RankingFeature.LEXICAL_RANK)), "BM25 did not retrieve d2");
      assertTrue(Float.isNaN(m.get(d2, RankingFeature.LEXICAL_SCORE)));
      assertEquals(7, m.get(d2, RankingFeature.PASSAGE_LENGTH));

      // d3: fish only (tf 2 in contents, 1 in title)
      double idfFishTitle = idf(1, 3);
      assertEquals(bm25(idfFishContents, 2, 4, 19 / 3.0), m.get(d3, RankingFeature.BM25_CONTENTS), 1e-5);
      assertEquals(bm25(idfFishTitle, 1, 1, 5 / 3.0), m.get(d3, RankingFeature.BM25_TITLE), 1e-5);
      assertEquals(bm25(idfFishContents, 1, 3, 14 / 3.0), m.get(d3, RankingFeature.BM25_TEXT), 1e-5);
      assertEquals(0.5, m.get(d3, RankingFeature.QUERY_TERM_COVERAGE), 1e-6);
      assertEquals(idfFishContents / (idfCatContents + idfFishContents), m.get(d3, RankingFeature.QUERY_IDF_COVERAGE),
          1e-6);
      assertEquals(0.5, m.get(d3, RankingFeature.TITLE_TERM_COVERAGE), 1e-6);
      assertTrue(Float.isNaN(m.get(d3, RankingFeature.MIN_COVER_WINDOW)), "one matched term has no window");

      // ranks and scores come from the retrievers; the contents BM25 is the retriever's own score
      for (int row = 0; row < m.rows(); row++) {
        String doc = m.docIds().get(row);
        assertEquals(row + 1, m.get(row, RankingFeature.FUSED_RANK));
        assertEquals((float) r.fused().get(row).score(), m.get(row, RankingFeature.FUSED_SCORE));
        assertEquals(1, m.get(row, RankingFeature.FANOUT_QUERY_COUNT), "a single query is a fan-out of one");
        assertEquals(row + 1, m.get(row, RankingFeature.FANOUT_BEST_RANK));
        var lex = r.lexical().rankOf(doc);
        if (lex != null) {
          assertEquals(lex.rank(), m.get(row, RankingFeature.LEXICAL_RANK));
          assertEquals(lex.score(), m.get(row, RankingFeature.BM25_CONTENTS), 1e-5f * lex.score());
        }
        PassageCandidate p = HybridSearcher.snippetPassage(r, doc);
        StoredPassage sp = StoredPassage.read(s, p.luceneDoc());
        float[] dv = embedder.embedDocuments(List.of(DocumentCollection.embeddingText(sp.title(), sp.text()))).get(0);
        double dot = 0;
        for (int i = 0; i < dv.length; i++) {
          dot += dv[i] * qv[i];
        }
        assertEquals(dot, m.get(row, RankingFeature.VECTOR_SIMILARITY), 1e-5);
        assertEquals(r.vector().rankOf(doc).rank(), m.get(row, RankingFeature.VECTOR_RANK));
      }
      // d1 is ranked first by BM25 (it has both terms)
      assertEquals(1, m.get(d1, RankingFeature.LEXICAL_RANK));

      // relative features: against the best of the candidates featurized together
      assertEquals(1f, m.get(d1, RankingFeature.BM25_CONTENTS_RATIO));
      assertEquals(m.get(d3, RankingFeature.BM25_CONTENTS) / m.get(d1, RankingFeature.BM25_CONTENTS),
          m.get(d3, RankingFeature.BM25_CONTENTS_RATIO), 1e-6);
      assertEquals(0f, m.get(d2, RankingFeature.BM25_CONTENTS_RATIO));
      assertEquals(1f, m.get(0, RankingFeature.FUSED_SCORE_RATIO), "the first fused document has the top score");
      float best = Math.max(m.get(d1, RankingFeature.VECTOR_SIMILARITY), Math.max(
          m.get(d2, RankingFeature.VECTOR_SIMILARITY), m.get(d3, RankingFeature.VECTOR_SIMILARITY)));
      for (int row = 0; row < 3; row++) {
        assertEquals(best - m.get(row, RankingFeature.VECTOR_SIMILARITY), m.get(row,
            RankingFeature.VECTOR_SIMILARITY_GAP), 1e-6);
        assertEquals(best, m.get(row, RankingFeature.QUERY_MAX_SIMILARITY), 1e-6);
        assertEquals(m.get(d1, RankingFeature.BM25_CONTENTS), m.get(row, RankingFeature.QUERY_MAX_BM25));
        assertEquals((idfCatContents + idfFishContents) / 2, m.get(row, RankingFeature.QUERY_MEAN_IDF), 1e-5);
      }

      // pseudo-relevance feedback: each row's stored vector against the unit sum of the first 3
      // (here: all) rows' vectors, in fused order; with 3 rows the depths 3 and 10 coincide
      float[][] stored = new float[3][];
      for (int row = 0; row < 3; row++) {
        StoredPassage sp = StoredPassage.read(s, HybridSearcher.snippetPassage(r, m.docIds().get(row)).luceneDoc());
        stored[row] = embedder.embedDocuments(List.of(DocumentCollection.embeddingText(sp.title(), sp.text()))).get(0);
      }
      double[] centroid = new double[stored[0].length];
      for (float[] vec : stored) {
        for (int i = 0; i < vec.length; i++) {
          centroid[i] += vec[i];
        }
      }
      double norm = Math.sqrt(java.util.Arrays.stream(centroid).map(x -> x * x).sum());
      for (int row = 0; row < 3; row++) {
        double expected = 0;
        for (int i = 0; i < centroid.length; i++) {
          expected += stored[row][i] * centroid[i] / norm;
        }
        assertEquals(expected, m.get(row, RankingFeature.PRF_SIMILARITY_3), 1e-5);
        assertEquals(expected, m.get(row, RankingFeature.PRF_SIMILARITY_10), 1e-5);
      }
    }
  }

  @Test
  void feedbackUsesOnlyTheHeadOfTheFusedList() {
    String query = "cat fish";
    try (CollectionSnapshot s = collection.snapshot()) {
      float[] qv = embedder.embedQuery(query);
      HybridSearcher.Retrieved r = searcher.retrieve(s, SearchRequest.of(query).withK(10), qv);
      FeatureMatrix m = extractor.extract(s, query, qv, r, 10, null);
      FeatureMatrix head = extractor.extract(s, query, qv, r, 1, null);
      // featurizing only the first row: its feedback centroid is its own vector, so similarity 1
      assertEquals(1f, head.get(0, RankingFeature.PRF_SIMILARITY_3), 1e-5);
      // with three rows, the first row is no longer identical to the centroid
      assertTrue(m.get(0, RankingFeature.PRF_SIMILARITY_3) < 0.9999f,
          "centroid of three different vectors is not the first one");
    }
  }

  @Test
  void withoutAQueryVectorSimilarityIsMissing() {
    try (CollectionSnapshot s = collection.snapshot()) {
      SearchRequest request = SearchRequest.of("cat").withMode(dev.trawl.query.SearchMode.LEXICAL);
      HybridSearcher.Retrieved r = searcher.retrieve(s, request, null);
      FeatureMatrix m = extractor.extract(s, "cat", null, r, 10, null);
      assertEquals(List.of("d1"), m.docIds());
      assertTrue(Float.isNaN(m.get(0, RankingFeature.VECTOR_SIMILARITY)));
      assertTrue(Float.isNaN(m.get(0, RankingFeature.VECTOR_RANK)));
      assertTrue(Float.isNaN(m.get(0, RankingFeature.VECTOR_SIMILARITY_GAP)));
      assertEquals(1, m.get(0, RankingFeature.QUERY_LENGTH));
      assertEquals(1f, m.get(0, RankingFeature.PRF_SIMILARITY_3), 1e-5,
          "feedback needs stored vectors only, not a query embedding");
    }
  }

  @Test
  void fanOutSignalsCountQueriesAndBestRank() {
    try (CollectionSnapshot s = collection.snapshot()) {
      HybridSearcher.Retrieved cat = searcher.retrieve(s, SearchRequest.of("cat").withMode(
          dev.trawl.query.SearchMode.LEXICAL), null);
      HybridSearcher.Retrieved fish = searcher.retrieve(s, SearchRequest.of("fish").withMode(
          dev.trawl.query.SearchMode.LEXICAL), null);
      FanOutSignals signals = FanOutSignals.of(List.of(cat, fish));
      FeatureMatrix m = extractor.extract(s, "fish", null, fish, 10, signals);
      int d1 = m.docIds().indexOf("d1");
      int d3 = m.docIds().indexOf("d3");
      assertEquals(2, m.get(d1, RankingFeature.FANOUT_QUERY_COUNT), "both queries found d1");
      assertEquals(1, m.get(d1, RankingFeature.FANOUT_BEST_RANK), "d1 is first for 'cat'");
      assertEquals(1, m.get(d3, RankingFeature.FANOUT_QUERY_COUNT));
    }
  }

  @Test
  void documentLengthSumsAllPassages() throws Exception {
    String text = "Whales sing long songs in the deep ocean. Their songs travel for many miles underwater. "
        + "Scientists record the songs with hydrophones near reefs. Each population sings a distinct dialect today. "
        + "Young whales learn songs from older whales nearby.";
    collection.upsert(List.of(SourceDocument.of("d4", "Whale song", text)));
    collection.commit();
    try (CollectionSnapshot s = collection.snapshot()) {
      int passages = s.searcher().count(new BooleanQuery.Builder()
          .add(new TermQuery(new Term(IndexFields.DOC_ID, "d4")), BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER)
          .build());
      assertTrue(passages >= 3, "the 16-token budget splits d4, got " + passages);
      int expectedLength = 0;
      for (int i = 0; i < passages; i++) {
        StoredPassage sp = StoredPassage.read(s, s.findPassage(IndexFields.passageId("d4", i)));
        expectedLength += TextAnalysis.terms(TextAnalysis.englishAnalyzer(), IndexFields.CONTENTS,
            sp.title() + "\n\n" + sp.text()).size();
      }
      HybridSearcher.Retrieved r = searcher.retrieve(s, SearchRequest.of("hydrophones dialect"), embedder
          .embedQuery("hydrophones dialect"));
      FeatureMatrix m = extractor.extract(s, "hydrophones dialect", null, r, 10, null);
      int d4 = m.docIds().indexOf("d4");
      assertEquals(passages, m.get(d4, RankingFeature.DOCUMENT_PASSAGES));
      // lengths of up to 16 tokens are stored exactly in Lucene's norms
      assertEquals(expectedLength, m.get(d4, RankingFeature.DOCUMENT_LENGTH));
      Map<String, Double> asMap = m.asMap(d4);
      assertEquals(RankingFeature.schema().names(), List.copyOf(asMap.keySet()));
      assertEquals(null, asMap.get("vector_similarity"), "NaN is reported as missing");
    }
  }
}
