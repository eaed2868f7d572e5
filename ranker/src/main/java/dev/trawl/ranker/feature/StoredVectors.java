package dev.trawl.ranker.feature;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.BytesRef;

/**
 * The stored embeddings of the featurized rows' passages, row by row, read once in doc-id order
 * and then multiplied with any number of vectors ({@link #dots}): the query embedding and the
 * pseudo-relevance-feedback centroids ({@link #centroid}). A row whose passage has no stored
 * vector is missing; a stored vector shorter than the first one read (a collection whose
 * embedder changed) is multiplied over the overlap, as the vector retriever's exact scan does.
 *
 * <p>Not thread-safe; one per featurized candidate list.
 */
final class StoredVectors {
  private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
      ByteOrder.LITTLE_ENDIAN);

  private final int rows;
  private final float[] vectors; // row i at i * dims
  private final boolean[] present;
  private final int dims;
  private final BytesRef[] shorter; // rows whose stored vector is shorter than dims, for the overlap product

  private StoredVectors(int rows, int dims) {
    this.rows = rows;
    this.dims = dims;
    this.vectors = new float[rows * dims];
    this.present = new boolean[rows];
    this.shorter = new BytesRef[rows];
  }

  static StoredVectors read(CollectionSnapshot snapshot, int[] docs) {
    int n = docs.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    StoredVectors out = null;
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
          if (out == null) {
            out = new StoredVectors(n, bytes.length / Float.BYTES);
          }
          if (bytes.length / Float.BYTES < out.dims) {
            out.shorter[i] = BytesRef.deepCopyOf(bytes);
            continue;
          }
          ByteBuffer.wrap(bytes.bytes, bytes.offset, out.dims * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer().get(out.vectors, i * out.dims, out.dims);
          out.present[i] = true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out == null ? new StoredVectors(n, 0) : out;
  }

  /**
   * The unit-length sum of the first {@code depth} rows' vectors (rows without one skipped), or
   * null when none of them has one.
   */
  float[] centroid(int depth) {
    float[] c = new float[dims];
    boolean any = false;
    for (int i = 0; i < Math.min(depth, rows); i++) {
      if (present[i]) {
        any = true;
        for (int d = 0, o = i * dims; d < dims; d++) {
          c[d] += vectors[o + d];
        }
      }
    }
    if (!any) {
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
    for (int d = 0; d < dims; d++) {
      c[d] *= inv;
    }
    return c;
  }

  /**
   * Inner products of {@code query} with every row's vector; NaN for rows without one, all NaN
   * when {@code query} is null. Rows are multiplied four at a time in lock step: each product is
   * still summed in dimension order (the vector retriever's order, so values are the same), but
   * four independent chains of additions overlap instead of one waiting on the other. A stored
   * vector shorter than {@code query} gives the product over the overlap.
   */
  float[] dots(float[] query) {
    float[] out = new float[rows];
    Arrays.fill(out, Float.NaN);
    if (query == null) {
      return out;
    }
    int[] found = new int[rows];
    int count = 0;
    for (int i = 0; i < rows; i++) {
      if (present[i] && query.length <= dims) {
        found[count++] = i;
      } else if (shorter[i] != null) {
        out[i] = dot(query, shorter[i]);
      } else if (present[i]) {
        out[i] = dot(query, vectors, i * dims, dims);
      }
    }
    int len = query.length;
    int blocked = count - count % 4;
    for (int j = 0; j < blocked; j += 4) {
      int o0 = found[j] * dims;
      int o1 = found[j + 1] * dims;
      int o2 = found[j + 2] * dims;
      int o3 = found[j + 3] * dims;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int d = 0; d < len; d++) {
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
      out[found[j]] = dot(query, vectors, found[j] * dims, len);
    }
    return out;
  }

  private static float dot(float[] q, float[] vectors, int offset, int len) {
    float sum = 0;
    for (int d = 0; d < Math.min(len, q.length); d++) {
      sum += q[d] * vectors[offset + d];
    }
    return sum;
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
