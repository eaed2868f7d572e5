package dev.trawl.ranker.feature;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.RetrieverRank;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.lexical.BagOfWordsQuery;
import dev.trawl.query.rerank.FanOutSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;

/**
 * Computes the {@link RankingFeature}s of the head of one query's fused candidate list, from the
 * snapshot's index (postings, norms, doc values) and the retrieval results; see each feature's
 * definition.
 *
 * <p>Thread-safe and stateless apart from its analyzer (which must be the collection's).
 */
public final class FeatureExtractor {
  /** Feedback depths of {@link RankingFeature#PRF_SIMILARITY_3} and {@link RankingFeature#PRF_SIMILARITY_10}. */
  private static final int PRF_SHORT = 3;
  private static final int PRF_LONG = 10;

  private final Analyzer analyzer;

  public FeatureExtractor(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The schema of every matrix this extractor returns. */
  public FeatureSchema schema() {
    return RankingFeature.schema();
  }

  /** The distinct analyzed terms of {@code query} with their counts, as BM25 sees them. */
  public Map<String, Integer> queryTerms(String query) {
    return BagOfWordsQuery.termCounts(analyzer, IndexFields.CONTENTS, query);
  }

  /**
   * Features of the first {@code count} documents of {@code retrieved.fused()} (fewer if the list is
   * shorter), one row each, in fused order. Ratio and gap features are relative to these rows, so
   * featurize the same head at training and serving time.
   *
   * @param queryVector the query embedding, or null if the query was not embedded
   * @param fanOut signals of a fan-out request's other queries, or null for a single query
   */
  public FeatureMatrix extract(CollectionSnapshot snapshot, String query, float[] queryVector,
      HybridSearcher.Retrieved retrieved, int count, FanOutSignals fanOut) {
    List<Fused> fused = retrieved.fused();
    int n = Math.min(count, fused.size());
    int cols = RankingFeature.values().length;
    float[] v = new float[n * cols];
    List<String> docIds = new ArrayList<>(n);
    int[] luceneDocs = new int[n];
    int[] passageIndex = new int[n];
    for (int i = 0; i < n; i++) {
      Fused f = fused.get(i);
      String docId = f.key();
      docIds.add(docId);
      PassageCandidate p = HybridSearcher.snippetPassage(retrieved, docId);
      luceneDocs[i] = p.luceneDoc();
      passageIndex[i] = p.passageIndex();
      int row = i * cols;
      RetrieverRank lex = retrieved.lexical().rankOf(docId);
      RetrieverRank vec = retrieved.vector().rankOf(docId);
      v[row + RankingFeature.LEXICAL_RANK.column()] = lex == null ? Float.NaN : lex.rank();
      v[row + RankingFeature.LEXICAL_SCORE.column()] = lex == null ? Float.NaN : lex.score();
      v[row + RankingFeature.VECTOR_RANK.column()] = vec == null ? Float.NaN : vec.rank();
      v[row + RankingFeature.VECTOR_SCORE.column()] = vec == null ? Float.NaN : vec.score();
      v[row + RankingFeature.FUSED_RANK.column()] = i + 1;
      v[row + RankingFeature.FUSED_SCORE.column()] = (float) f.score();
      v[row + RankingFeature.FANOUT_QUERY_COUNT.column()] = fanOut == null ? 1 : fanOut.count(docId);
      v[row + RankingFeature.FANOUT_BEST_RANK.column()] = fanOut == null ? i + 1 : fanOut.bestRank(docId, i + 1);
    }
    Map<String, Integer> terms = queryTerms(query);
    LexicalFeatures.Values lexical = new LexicalFeatures(snapshot.searcher(), terms)
        .compute(luceneDocs, passageIndex);
    StoredVectors stored = StoredVectors.read(snapshot, luceneDocs);
    float[] similarity = queryVector == null ? null : stored.dots(queryVector);
    float[] prf3 = stored.dots(stored.centroid(PRF_SHORT));
    float[] prf10 = stored.dots(stored.centroid(PRF_LONG));
    for (int i = 0; i < n; i++) {
      int row = i * cols;
      v[row + RankingFeature.BM25_CONTENTS.column()] = lexical.bm25Contents[i];
      v[row + RankingFeature.BM25_TITLE.column()] = lexical.bm25Title[i];
      v[row + RankingFeature.BM25_TEXT.column()] = lexical.bm25Text[i];
      v[row + RankingFeature.VECTOR_SIMILARITY.column()] = similarity == null ? Float.NaN : similarity[i];
      v[row + RankingFeature.QUERY_TERM_COVERAGE.column()] = lexical.termCoverage[i];
      v[row + RankingFeature.QUERY_IDF_COVERAGE.column()] = lexical.idfCoverage[i];
      v[row + RankingFeature.TITLE_TERM_COVERAGE.column()] = lexical.titleCoverage[i];
      v[row + RankingFeature.MIN_COVER_WINDOW.column()] = lexical.minWindow[i];
      v[row + RankingFeature.PASSAGE_LENGTH.column()] = lexical.passageLength[i];
      v[row + RankingFeature.DOCUMENT_LENGTH.column()] = lexical.documentLength[i];
      v[row + RankingFeature.DOCUMENT_PASSAGES.column()] = lexical.documentPassages[i];
      v[row + RankingFeature.QUERY_LENGTH.column()] = terms.size();
      v[row + RankingFeature.PRF_SIMILARITY_3.column()] = prf3[i];
      v[row + RankingFeature.PRF_SIMILARITY_10.column()] = prf10[i];
    }
    float maxBm25 = max(v, n, cols, RankingFeature.BM25_CONTENTS);
    float maxSimilarity = max(v, n, cols, RankingFeature.VECTOR_SIMILARITY);
    float maxFused = max(v, n, cols, RankingFeature.FUSED_SCORE);
    for (int i = 0; i < n; i++) {
      int row = i * cols;
      v[row + RankingFeature.BM25_CONTENTS_RATIO.column()] = maxBm25 > 0
          ? v[row + RankingFeature.BM25_CONTENTS.column()] / maxBm25 : 0f;
      v[row + RankingFeature.VECTOR_SIMILARITY_GAP.column()] = maxSimilarity
          - v[row + RankingFeature.VECTOR_SIMILARITY.column()];
      v[row + RankingFeature.FUSED_SCORE_RATIO.column()] = maxFused > 0
          ? v[row + RankingFeature.FUSED_SCORE.column()] / maxFused : 0f;
      v[row + RankingFeature.QUERY_MAX_BM25.column()] = Float.isNaN(maxBm25) ? 0f : maxBm25;
      v[row + RankingFeature.QUERY_MAX_SIMILARITY.column()] = maxSimilarity;
      v[row + RankingFeature.QUERY_MEAN_IDF.column()] = lexical.meanIdf;
    }
    return new FeatureMatrix(schema(), docIds, v);
  }

  /** The largest non-missing value of a column over {@code n} rows; NaN if all are missing. */
  private static float max(float[] v, int n, int cols, RankingFeature f) {
    float max = Float.NaN;
    for (int i = 0; i < n; i++) {
      float x = v[i * cols + f.column()];
      if (!Float.isNaN(x) && (Float.isNaN(max) || x > max)) {
        max = x;
      }
    }
    return max;
  }
}
