package dev.trawl.indexer.collection;

import dev.trawl.indexer.vector.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A point-in-time view of a collection: one Lucene searcher, plus the (shared, live) vector
 * index. Everything read through one snapshot is consistent: vector hits are checked against
 * the snapshot's Lucene reader, so a passage written after the snapshot was taken is not seen.
 *
 * <p>Must be {@linkplain #close() closed} (released) exactly once. Thread-safe for reads.
 */
public final class CollectionSnapshot implements AutoCloseable {
  private final String collection;
  private final IndexSearcher searcher;
  private final VectorIndex vectors;
  private final ReferenceManager<IndexSearcher> manager;
  private final long version;

  CollectionSnapshot(String collection, IndexSearcher searcher, VectorIndex vectors,
      ReferenceManager<IndexSearcher> manager) {
    this.collection = collection;
    this.searcher = searcher;
    this.vectors = vectors;
    this.manager = manager;
    this.version = ((org.apache.lucene.index.DirectoryReader) searcher.getIndexReader()).getVersion();
  }

  public String collection() {
    return collection;
  }

  public IndexSearcher searcher() {
    return searcher;
  }

  public IndexReader reader() {
    return searcher.getIndexReader();
  }

  public VectorIndex vectors() {
    return vectors;
  }

  /** Lucene reader version of this snapshot; equal versions mean equal contents. */
  public long version() {
    return version;
  }

  /**
   * The global Lucene doc id of the live entry whose keyword field {@code field} equals
   * {@code value} (for example a passage id), or -1 when there is none in this snapshot.
   */
  public int findLive(String field, String value) {
    BytesRef term = new BytesRef(value);
    try {
      for (LeafReaderContext leaf : reader().leaves()) {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(term)) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            return leaf.docBase + d;
          }
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry of passage {@code passageId}, or -1. */
  public int findPassage(String passageId) {
    return findLive(IndexFields.PASSAGE_ID, passageId);
  }

  /**
   * The document entry of {@code docId}, or -1. A document's block (entry first, then its
   * passages) is always in one segment, so the first live match of the id is the entry.
   */
  public int findDocument(String docId) {
    return findLive(IndexFields.DOC_ID, docId);
  }

  /** Releases the snapshot. */
  @Override
  public void close() {
    try {
      manager.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
