package dev.trawl.ranker.feature;

import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.SmallFloat;

/**
 * The index-derived features of candidate passages (BM25 of contents, title and text; term and
 * idf coverage; title match; proximity; passage and document lengths), read straight from the
 * postings, norms and doc values of one searcher: each query term's postings are walked once per
 * segment, advancing to the candidates in doc-id order, so the cost grows with the number of
 * candidates and query terms, not with the collection. No explanation strings, no stored fields.
 *
 * <p>BM25 reproduces Lucene's {@code BM25Similarity} arithmetic (float weights, the 256-entry
 * norm cache), so {@code bm25_contents} equals the lexical retriever's score up to the order of
 * the float additions.
 *
 * <p>Instances are single-use: one query over one searcher. Not thread-safe.
 */
final class LexicalFeatures {
  private static final float[] LENGTH_TABLE = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      LENGTH_TABLE[i] = SmallFloat.byte4ToInt((byte) i);
    }
  }

  /** Per-candidate outputs, aligned with the input passages. */
  static final class Values {
    final float[] bm25Contents;
    final float[] bm25Title;
    final float[] bm25Text;
    final float[] termCoverage;
    final float[] idfCoverage;
    final float[] titleCoverage;
    final float[] minWindow;
    final float[] passageLength;
    final float[] documentLength;
    final float[] documentPassages;
    float meanIdf;

    Values(int n) {
      bm25Contents = new float[n];
      bm25Title = new float[n];
      bm25Text = new float[n];
      termCoverage = new float[n];
      idfCoverage = new float[n];
      titleCoverage = new float[n];
      minWindow = new float[n];
      passageLength = new float[n];
      documentLength = new float[n];
      documentPassages = new float[n];
    }
  }

  private final IndexSearcher searcher;
  private final String[] terms;
  private final float[] boosts;
  private final float k1 = DocumentCollection.BM25.getK1();
  private final float b = DocumentCollection.BM25.getB();

  /** @param termCounts distinct analyzed query terms with their counts in the query */
  LexicalFeatures(IndexSearcher searcher, Map<String, Integer> termCounts) {
    this.searcher = searcher;
    this.terms = termCounts.keySet().toArray(String[]::new);
    this.boosts = new float[terms.length];
    int i = 0;
    for (int c : termCounts.values()) {
      boosts[i++] = c;
    }
  }

  /** BM25 statistics of one field for the query terms. */
  private final class FieldStats {
    final String field;
    final TermStates[] states;
    final float[] idf;
    final float avgdl;
    final long sumTotalTermFreq;
    final long docCount;

    FieldStats(String field) throws IOException {
      this.field = field;
      CollectionStatistics cs = searcher.collectionStatistics(field);
      docCount = cs == null ? 0 : cs.docCount();
      sumTotalTermFreq = cs == null ? 0 : cs.sumTotalTermFreq();
      avgdl = docCount == 0 ? 1f : (float) (sumTotalTermFreq / (double) docCount);
      states = new TermStates[terms.length];
      idf = new float[terms.length];
      for (int t = 0; t < terms.length; t++) {
        states[t] = TermStates.build(searcher, new Term(field, terms[t]), true);
        int df = states[t].docFreq();
        idf[t] = df == 0 ? 0f : idf(df, docCount);
      }
    }

    float[] normCache(float averageLength) {
      float[] cache = new float[256];
      for (int i = 0; i < 256; i++) {
        cache[i] = 1f / (k1 * ((1 - b) + b * LENGTH_TABLE[i] / averageLength));
      }
      return cache;
    }
  }

  /** Lucene's BM25 idf. */
  static float idf(long docFreq, long docCount) {
    return (float) Math.log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));
  }

  /**
   * Computes the features of passages {@code luceneDocs} (global doc ids of passage entries in the
   * searcher's reader), where passage {@code i} has index {@code passageIndex[i]} in its document.
   */
  Values compute(int[] luceneDocs, int[] passageIndex) {
    int n = luceneDocs.length;
    Values out = new Values(n);
    if (n == 0) {
      return out;
    }
    try {
      FieldStats contents = new FieldStats(IndexFields.CONTENTS);
      FieldStats title = new FieldStats(IndexFields.TITLE);
      float[] contentsCache = contents.normCache(contents.avgdl);
      float[] titleCache = title.normCache(title.avgdl);
      long textTokens = Math.max(0, contents.sumTotalTermFreq - title.sumTotalTermFreq);
      float textAvgdl = contents.docCount == 0 || textTokens == 0 ? 1f
          : (float) (textTokens / (double) contents.docCount);
      float idfSum = 0;
      for (float v : contents.idf) {
        idfSum += v;
      }
      out.meanIdf = terms.length == 0 ? 0f : idfSum / terms.length;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Integer.compare(luceneDocs[x], luceneDocs[y]));
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      contentsNorm = new int[n];
      titleNorm = new int[n];
      int[][] tfContents = new int[n][terms.length];
      int[][] tfTitle = new int[n][terms.length];
      int[][][] positions = new int[n][terms.length][];
      int at = 0;
      while (at < n) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(luceneDocs[order[at]], leaves));
        int end = at;
        while (end < n && luceneDocs[order[end]] < leaf.docBase + leaf.reader().maxDoc()) {
          end++;
        }
        int[] slice = new int[end - at];
        for (int i = at; i < end; i++) {
          slice[i - at] = order[i];
        }
        readPostings(leaf, contents, slice, luceneDocs, tfContents, positions);
        readPostings(leaf, title, slice, luceneDocs, tfTitle, null);
        readLengths(leaf, slice, luceneDocs, passageIndex, out);
        at = end;
      }
      for (int i = 0; i < n; i++) {
        int cNorm = contentsNorm[i];
        int tNorm = titleNorm[i];
        float textLength = Math.max(0f, LENGTH_TABLE[cNorm] - LENGTH_TABLE[tNorm]);
        float textNormInverse = 1f / (k1 * ((1 - b) + b * textLength / textAvgdl));
        double sumContents = 0;
        double sumTitle = 0;
        double sumText = 0;
        int matched = 0;
        int titleMatched = 0;
        float matchedIdf = 0;
        int[][] matchedPositions = new int[terms.length][];
        int m = 0;
        for (int t = 0; t < terms.length; t++) {
          int tfc = tfContents[i][t];
          int tft = tfTitle[i][t];
          if (tfc > 0) {
            float w = boosts[t] * contents.idf[t];
            sumContents += w - w / (1f + tfc * contentsCache[cNorm]);
            matched++;
            matchedIdf += contents.idf[t];
            matchedPositions[m++] = positions[i][t];
            int tfx = tfc - tft;
            if (tfx > 0) {
              sumText += w - w / (1f + tfx * textNormInverse);
            }
          }
          if (tft > 0) {
            float w = boosts[t] * title.idf[t];
            sumTitle += w - w / (1f + tft * titleCache[tNorm]);
            titleMatched++;
          }
        }
        out.bm25Contents[i] = (float) sumContents;
        out.bm25Title[i] = (float) sumTitle;
        out.bm25Text[i] = (float) sumText;
        out.termCoverage[i] = terms.length == 0 ? 0f : matched / (float) terms.length;
        out.titleCoverage[i] = terms.length == 0 ? 0f : titleMatched / (float) terms.length;
        out.idfCoverage[i] = idfSum == 0 ? 0f : matchedIdf / idfSum;
        out.minWindow[i] = matched < 2 ? Float.NaN
            : TermProximity.minCoverWindow(Arrays.copyOf(matchedPositions, m));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Encoded length norms (0..255) of each candidate's contents and title, filled by readLengths.
  private int[] contentsNorm;
  private int[] titleNorm;

  /** Term frequencies (and positions, when {@code positions} is given) of the candidates in one segment. */
  private void readPostings(LeafReaderContext leaf, FieldStats stats, int[] slice, int[] luceneDocs, int[][] tf,
      int[][][] positions) throws IOException {
    LeafReader reader = leaf.reader();
    Terms fieldTerms = reader.terms(stats.field);
    if (fieldTerms == null) {
      return;
    }
    TermsEnum te = fieldTerms.iterator();
    PostingsEnum pe = null;
    for (int t = 0; t < terms.length; t++) {
      IOSupplier<TermState> supplier = stats.states[t].get(leaf);
      TermState state = supplier == null ? null : supplier.get();
      if (state == null) {
        continue;
      }
      te.seekExact(new BytesRef(terms[t]), state);
      pe = te.postings(pe, positions == null ? PostingsEnum.FREQS : PostingsEnum.POSITIONS);
      for (int c : slice) {
        int doc = luceneDocs[c] - leaf.docBase;
        int current = pe.docID();
        if (current < doc) {
          current = pe.advance(doc);
        }
        if (current == PostingsEnum.NO_MORE_DOCS) {
          break;
        }
        if (current != doc) {
          continue;
        }
        int freq = pe.freq();
        tf[c][t] = freq;
        if (positions != null) {
          int[] pos = new int[Math.min(freq, TermProximity.MAX_POSITIONS)];
          for (int p = 0; p < pos.length; p++) {
            pos[p] = pe.nextPosition();
          }
          positions[c][t] = pos;
        }
      }
    }
  }

  /**
   * Passage, title and document lengths from norms. A document's passages are contiguous entries
   * right after its document entry, passage {@code i} at {@code entry + 1 + i}; so the block
   * starts at {@code luceneDoc - passageIndex} and runs while entries carry the same document id.
   */
  private void readLengths(LeafReaderContext leaf, int[] slice, int[] luceneDocs, int[] passageIndex,
      Values out) throws IOException {
    LeafReader reader = leaf.reader();
    NumericDocValues contentsNorms = reader.getNormValues(IndexFields.CONTENTS);
    NumericDocValues titleNorms = reader.getNormValues(IndexFields.TITLE);
    SortedDocValues ids = reader.getSortedDocValues(IndexFields.DOC_ID);
    // A second iterator reads each candidate's own ordinal ahead of the walk (doc values only
    // move forward): same ordinal as the block's start = same document, no string decoded.
    SortedDocValues candidateIds = reader.getSortedDocValues(IndexFields.DOC_ID);
    int walked = -1;
    for (int c : slice) {
      int doc = luceneDocs[c] - leaf.docBase;
      if (titleNorms != null && titleNorms.advanceExact(doc)) {
        titleNorm[c] = (int) titleNorms.longValue() & 0xFF;
      }
      int start = Math.max(Math.max(0, doc - passageIndex[c]), walked + 1);
      if (start > doc || ids == null || contentsNorms == null) {
        start = doc;
      }
      int ord = -1;
      if (ids != null && ids.advanceExact(start)) {
        ord = ids.ordValue();
        int own = candidateIds.advanceExact(doc) ? candidateIds.ordValue() : -1;
        if (ord != own) {
          start = doc; // unexpected layout: measure this passage alone
          ord = ids.advanceExact(doc) ? ids.ordValue() : -1;
        }
      }
      float total = 0;
      int passages = 0;
      int d = start;
      int maxDoc = reader.maxDoc();
      while (d < maxDoc) {
        if (d != start && (ids == null || !ids.advanceExact(d) || ids.ordValue() != ord)) {
          break;
        }
        int norm = contentsNorms != null && contentsNorms.advanceExact(d) ? (int) contentsNorms.longValue() & 0xFF : 0;
        float length = LENGTH_TABLE[norm];
        if (d == doc) {
          out.passageLength[c] = length;
          contentsNorm[c] = norm;
        }
        total += length;
        passages++;
        walked = d;
        d++;
        if (ids == null) {
          break;
        }
      }
      out.documentLength[c] = total;
      out.documentPassages[c] = passages;
    }
  }
}
