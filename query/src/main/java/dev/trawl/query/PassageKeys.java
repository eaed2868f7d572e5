package dev.trawl.query;

import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;

/**
 * Resolves global Lucene doc ids of passage entries to their passage and document ids, from
 * doc values (no stored-field decompression). Doc ids are visited in increasing order per
 * segment, as doc-values iterators require.
 */
public final class PassageKeys {
  private PassageKeys() {}

  /** Returns {@code [passageIds, docIds]} aligned with {@code docs}. */
  public static String[][] resolve(IndexReader reader, int[] docs) {
    int n = docs.length;
    String[] pids = new String[n];
    String[] docIds = new String[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    List<LeafReaderContext> leaves = reader.leaves();
    int currentLeaf = -1;
    SortedDocValues pidDv = null;
    SortedDocValues docDv = null;
    LeafReaderContext leaf = null;
    try {
      for (int idx : order) {
        int doc = docs[idx];
        int li = ReaderUtil.subIndex(doc, leaves);
        if (li != currentLeaf) {
          currentLeaf = li;
          leaf = leaves.get(li);
          pidDv = leaf.reader().getSortedDocValues(IndexFields.PASSAGE_ID);
          docDv = leaf.reader().getSortedDocValues(IndexFields.DOC_ID);
        }
        int local = doc - leaf.docBase;
        if (pidDv != null && pidDv.advanceExact(local)) {
          pids[idx] = pidDv.lookupOrd(pidDv.ordValue()).utf8ToString();
        }
        if (docDv != null && docDv.advanceExact(local)) {
          docIds[idx] = docDv.lookupOrd(docDv.ordValue()).utf8ToString();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[][] {pids, docIds};
  }
}
