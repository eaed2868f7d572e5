package dev.trawl.ranker.feature;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.RetrieverRank;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.lexical.BagOfWordsQuery;
import dev.trawl.query.rerank.FanOutSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Computes the {@link RankingFeature}s of the head of one query's fused candidate list, from the
 * snapshot's index (postings, norms, doc values) and the retrieval results; see each feature's
 * definition.
 *
 * <p>Thread-safe and stateless apart from its analyzer (which must be the collection's).
 */
public final class FeatureExtractor {
  private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
      ByteOrder.LITTLE_ENDIAN);

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
        .compute(luceneDocs, passageIndex, docIds.toArray(String[]::new));
    float[] similarity = queryVector == null ? null : similarities(snapshot, luceneDocs, queryVector);
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

  /**
   * Inner products of {@code query} with the stored vectors of passages {@code docs}. The vectors
   * are read in doc-id order, then multiplied four at a time in lock step: each product is still
   * summed in dimension order (the vector retriever's order, so values are the same), but four
   * independent chains of additions overlap instead of one waiting on the other.
   */
  private static float[] similarities(CollectionSnapshot snapshot, int[] docs, float[] query) {
    int n = docs.length;
    int dims = query.length;
    float[] out = new float[n];
    Arrays.fill(out, Float.NaN);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    float[] vectors = new float[n * dims];
    int[] found = new int[n];
    int count = 0;
    List<LeafReaderContext> leaves = snapshot.reader().leaves();
    int leafIndex = -1;
    BinaryDocValues values = null;
    LeafReaderContext leaf = null;
    try {
      for (int i : order) {
        int li = ReaderUtil.subIndex(docs[i], leaves);
        if (li != leafIndex) {
          leafIndex = li;
          leaf = leaves.get(li);
          values = leaf.reader().getBinaryDocValues(IndexFields.VECTOR);
        }
        if (values != null && values.advanceExact(docs[i] - leaf.docBase)) {
          BytesRef bytes = values.binaryValue();
          if (bytes.length / Float.BYTES < dims) {
            out[i] = dot(query, bytes); // a shorter stored vector: the overlap only, as before
            continue;
          }
          ByteBuffer.wrap(bytes.bytes, bytes.offset, dims * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer().get(vectors, count * dims, dims);
          found[count++] = i;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int blocked = count - count % 4;
    for (int j = 0; j < blocked; j += 4) {
      int o0 = j * dims;
      int o1 = o0 + dims;
      int o2 = o1 + dims;
      int o3 = o2 + dims;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int d = 0; d < dims; d++) {
        float q = query[d];
        s0 += q * vectors[o0 + d];
        s1 += q * vectors[o1 + d];
        s2 += q * vectors[o2 + d];
        s3 += q * vectors[o3 + d];
      }
      out[found[j]] = s0;
      out[found[j + 1]] = s1;
      out[found[j + 2]] = s2;
      out[found[j + 3]] = s3;
    }
    for (int j = blocked; j < count; j++) {
      float sum = 0;
      for (int d = 0, o = j * dims; d < dims; d++) {
        sum += query[d] * vectors[o + d];
      }
      out[found[j]] = sum;
    }
    return out;
  }

  private static float dot(float[] q, BytesRef bytes) {
    int dims = Math.min(q.length, bytes.length / Float.BYTES);
    float sum = 0;
    for (int d = 0; d < dims; d++) {
      sum += q[d] * (float) FLOAT_LE.get(bytes.bytes, bytes.offset + d * Float.BYTES);
    }
    return sum;
  }
}
