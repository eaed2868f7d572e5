package dev.trawl.bench.scale;

import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Synthetic embedding vectors with the neighbourhood structure of real ones, for collections larger
 * than the model can embed here (BGE-small runs at 15-19 passages/s on this machine, so 1M real
 * vectors would take most of a day).
 *
 * <p>Each vector is {@code normalise(w * a + (1 - w) * b + noise)}: {@code a} and {@code b} are two
 * real passage embeddings drawn uniformly from a base set, {@code w} is uniform in [0, 1], and the
 * noise is Gaussian with an expected norm of {@link #NOISE_NORM}. The vectors thus lie near the
 * segments between real embeddings, in the same narrow cone of the sphere that BGE's vectors occupy
 * (pairwise cosines mostly 0.3-0.8), with a low intrinsic dimension like the real ones, whereas
 * random unit vectors ({@link RandomVectorEmbedder}) are spread over the whole sphere, the hardest
 * case for graph search. Neither is real data: the recall a graph reaches on these vectors at a
 * given ef lies between the two, and is stated as such wherever it is reported.
 *
 * <p>Deterministic: the same base, count and seed give the same vectors.
 */
public final class MixedRealVectors {
  /** Expected L2 norm of the Gaussian noise added before normalising (the mixed vector's norm is 0.7-1). */
  public static final double NOISE_NORM = 0.25;

  private MixedRealVectors() {}

  /** {@code count} vectors mixed from {@code base} (unit vectors of one dimension), seeded. */
  public static float[][] generate(float[][] base, int count, long seed) {
    if (base.length < 2) {
      throw new IllegalArgumentException("need at least 2 base vectors, got " + base.length);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[][] out = new float[count][];
    for (int i = 0; i < count; i++) {
      out[i] = mix(base, random);
    }
    return out;
  }

  /** One mixed vector, drawing from {@code random}. */
  public static float[] mix(float[][] base, SplittableRandom random) {
    float[] a = base[random.nextInt(base.length)];
    float[] b = base[random.nextInt(base.length)];
    double w = random.nextDouble();
    int dim = a.length;
    double sigma = NOISE_NORM / Math.sqrt(dim);
    double[] x = new double[dim];
    for (int i = 0; i < dim; i++) {
      x[i] = w * a[i] + (1 - w) * b[i] + sigma * SyntheticVectors.gaussian(random);
    }
    return SyntheticVectors.unit(x);
  }

  /** Every live passage vector ({@link IndexFields#VECTOR} binary doc values) of a collection's Lucene index. */
  public static List<float[]> readStored(Path luceneDir) {
    List<float[]> all = new ArrayList<>();
    try (FSDirectory dir = FSDirectory.open(luceneDir); DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        BinaryDocValues vecs = leaf.reader().getBinaryDocValues(IndexFields.VECTOR);
        Bits live = leaf.reader().getLiveDocs();
        for (int d = vecs == null ? DocIdSetIterator.NO_MORE_DOCS : vecs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS;
            d = vecs.nextDoc()) {
          if (live == null || live.get(d)) {
            BytesRef b = vecs.binaryValue();
            float[] v = new float[b.length / 4];
            ByteBuffer.wrap(b.bytes, b.offset, b.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            all.add(v);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }
}
