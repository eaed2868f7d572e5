package dev.trawl.query;

import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Keys of passage entries without reading stored fields: the document entry a passage belongs to
 * (a doc id, from a per-segment bitset of document entries) and, only when asked, document ids as
 * strings (from sorted doc values). Retrievers work with doc ids alone; strings are looked up once
 * per kept document, in doc-id order, because each {@code lookupOrd} decodes a compressed terms
 * block and resolving two strings per candidate made the lexical path 2.5x a plain Lucene search
 * ({@code LexicalSearchBenchmark}, docs/BENCHMARKS.md).
 *
 * <p>Thread-safe. The bitsets are cached per segment core (weakly, like Lucene's
 * {@code QueryBitSetProducer}): one bit per entry, built once per segment from the {@code kind:doc}
 * postings; deletions do not change where a block starts. Document id strings are cached the same
 * way, by ordinal, filled as they are looked up ({@link #docIds}): a segment's sorted doc values
 * never change, so ordinal {@code o} always names the same id; the cache costs one reference per
 * distinct document of the segment (8 MB per million) plus the strings looked up so far, and a
 * repeated lookup skips decoding the terms block.
 */
public final class PassageKeys {
  private static final Map<Object, FixedBitSet> DOCUMENT_ENTRIES = new WeakHashMap<>();
  private static final Map<Object, String[]> DOC_IDS_BY_ORD = new WeakHashMap<>();

  private PassageKeys() {}

  /** The document entry of each passage entry in {@code docs} (global ids, any order), aligned. */
  public static int[] parents(IndexReader reader, int[] docs) {
    List<LeafReaderContext> leaves = reader.leaves();
    int[] out = new int[docs.length];
    for (int i = 0; i < docs.length; i++) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      out[i] = leaf.docBase + documentEntries(leaf.reader()).prevSetBit(docs[i] - leaf.docBase);
    }
    return out;
  }

  /** The document entry of passage entry {@code doc}. */
  public static int parent(IndexReader reader, int doc) {
    return parents(reader, new int[] {doc})[0];
  }

  /**
   * Document ids of the entries {@code docs} (document or passage entries; global ids, any
   * order), aligned; null where an entry has none. Looked up in doc-id order, one
   * {@code lookupOrd} per entry whose id is not cached yet.
   */
  public static String[] docIds(IndexReader reader, int[] docs) {
    int n = docs.length;
    long[] order = new long[n]; // doc << 32 | index: one primitive sort, no boxing
    for (int i = 0; i < n; i++) {
      order[i] = ((long) docs[i] << 32) | i;
    }
    Arrays.sort(order);
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = (int) (order[i] >>> 32);
    }
    String[] inOrder = docIdsOfSorted(reader, sorted);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[(int) order[i]] = inOrder[i];
    }
    return out;
  }

  /**
   * {@link #docIds} of entries already in ascending doc-id order (global ids), aligned: no sort.
   *
   * @throws IllegalArgumentException if {@code sortedDocs} is not ascending
   */
  public static String[] docIdsOfSorted(IndexReader reader, int[] sortedDocs) {
    String[] out = new String[sortedDocs.length];
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = null;
    SortedDocValues dv = null;
    String[] byOrd = null;
    int previous = -1;
    try {
      for (int idx = 0; idx < sortedDocs.length; idx++) {
        int doc = sortedDocs[idx];
        if (doc < previous) {
          throw new IllegalArgumentException("doc ids are not ascending: " + doc + " after " + previous);
        }
        previous = doc;
        if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
          leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
          dv = leaf.reader().getSortedDocValues(IndexFields.DOC_ID);
          byOrd = dv == null ? null : idsByOrd(leaf.reader(), dv.getValueCount());
        }
        if (dv != null && dv.advanceExact(doc - leaf.docBase)) {
          int ord = dv.ordValue();
          String id = byOrd[ord];
          if (id == null) {
            // Racy but safe: Strings are immutable and safely published, and every thread
            // writes the same value for an ordinal.
            id = dv.lookupOrd(ord).utf8ToString();
            byOrd[ord] = id;
          }
          out[idx] = id;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Forgets the cached document ids of every segment, so that the next lookups decode them again:
   * for benchmarks that measure the uncached path ({@code LexicalPathComparison}).
   */
  public static void dropCachedIds() {
    synchronized (DOC_IDS_BY_ORD) {
      DOC_IDS_BY_ORD.clear();
    }
  }

  /** The passage id of {@code p} given its document's id. */
  public static String passageId(String docId, PassageCandidate p) {
    return IndexFields.passageId(docId, p.passageIndex());
  }

  /** The segment core's id cache by ordinal; an uncached array for a reader without a core key. */
  private static String[] idsByOrd(LeafReader reader, int valueCount) {
    var helper = reader.getCoreCacheHelper();
    Object key = helper == null ? null : helper.getKey();
    if (key == null) {
      return new String[valueCount];
    }
    synchronized (DOC_IDS_BY_ORD) {
      String[] cached = DOC_IDS_BY_ORD.get(key);
      if (cached == null || cached.length != valueCount) {
        cached = new String[valueCount];
        DOC_IDS_BY_ORD.put(key, cached);
      }
      return cached;
    }
  }

  private static FixedBitSet documentEntries(LeafReader reader) {
    var helper = reader.getCoreCacheHelper();
    Object key = helper == null ? null : helper.getKey();
    if (key != null) {
      synchronized (DOCUMENT_ENTRIES) {
        FixedBitSet cached = DOCUMENT_ENTRIES.get(key);
        if (cached != null) {
          return cached;
        }
      }
    }
    FixedBitSet bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
    try {
      PostingsEnum pe = reader.postings(new Term(IndexFields.KIND, IndexFields.KIND_DOC), PostingsEnum.NONE);
      if (pe != null) {
        for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
          bits.set(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (key != null) {
      synchronized (DOCUMENT_ENTRIES) {
        DOCUMENT_ENTRIES.put(key, bits);
      }
    }
    return bits;
  }
}
