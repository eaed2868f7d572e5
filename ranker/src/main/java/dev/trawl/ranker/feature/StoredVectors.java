package dev.trawl.ranker.feature;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * The stored embeddings of the featurized rows' passages, row by row, read once in doc-id order
 * and then multiplied with any number of vectors ({@link #dots}): the query embedding and the
 * pseudo-relevance-feedback centroids ({@link #centroid}). Products use Lucene's
 * {@link VectorUtil#dotProduct} (SIMD with {@code jdk.incubator.vector}), the function the vector
 * retriever's exact scan uses, so {@code vector_similarity} equals that scan's score. A row whose
 * passage has no stored vector is missing; a stored vector of another length than the one
 * multiplied with it (a collection whose embedder changed) is multiplied over the overlap.
 *
 * <p>Not thread-safe; one per featurized candidate list.
 */
final class StoredVectors {
  private final float[][] rows; // null where the passage has no stored vector

  private StoredVectors(float[][] rows) {
    this.rows = rows;
  }

  static StoredVectors read(CollectionSnapshot snapshot, int[] docs) {
    int n = docs.length;
    long[] order = new long[n]; // doc << 32 | row: one primitive sort
    for (int i = 0; i < n; i++) {
      order[i] = ((long) docs[i] << 32) | i;
    }
    Arrays.sort(order);
    float[][] rows = new float[n][];
    List<LeafReaderContext> leaves = snapshot.reader().leaves();
    LeafReaderContext leaf = null;
    BinaryDocValues values = null;
    try {
      for (long o : order) {
        int doc = (int) (o >>> 32);
        int row = (int) o;
        if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
          leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
          values = leaf.reader().getBinaryDocValues(IndexFields.VECTOR);
        }
        if (values != null && values.advanceExact(doc - leaf.docBase)) {
          BytesRef bytes = values.binaryValue();
          float[] v = new float[bytes.length / Float.BYTES];
          ByteBuffer.wrap(bytes.bytes, bytes.offset, v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer().get(v);
          rows[row] = v;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StoredVectors(rows);
  }

  /**
   * The unit-length sum of the first {@code depth} rows' vectors (rows without one skipped; the
   * first one found sets the dimension, longer ones are cut to it), or null when none of them has
   * one or the sum is zero.
   */
  float[] centroid(int depth) {
    float[] c = null;
    for (int i = 0; i < Math.min(depth, rows.length); i++) {
      float[] v = rows[i];
      if (v != null) {
        if (c == null) {
          c = new float[v.length];
        }
        for (int d = 0; d < Math.min(c.length, v.length); d++) {
          c[d] += v[d];
        }
      }
    }
    if (c == null) {
      return null;
    }
    double norm = 0;
    for (float x : c) {
      norm += x * x;
    }
    if (norm == 0) {
      return null;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < c.length; d++) {
      c[d] *= inv;
    }
    return c;
  }

  /** Inner products of {@code query} with every row's vector; NaN for rows without one, all NaN when {@code query} is null. */
  float[] dots(float[] query) {
    float[] out = new float[rows.length];
    Arrays.fill(out, Float.NaN);
    if (query == null) {
      return out;
    }
    for (int i = 0; i < rows.length; i++) {
      float[] v = rows[i];
      if (v == null) {
        continue;
      }
      if (v.length == query.length) {
        out[i] = VectorUtil.dotProduct(query, v);
      } else {
        float sum = 0;
        for (int d = 0; d < Math.min(v.length, query.length); d++) {
          sum += query[d] * v[d];
        }
        out[i] = sum;
      }
    }
    return out;
  }
}
