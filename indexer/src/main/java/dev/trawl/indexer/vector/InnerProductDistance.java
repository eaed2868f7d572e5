package dev.trawl.indexer.vector;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import java.io.Serial;
import org.apache.lucene.util.VectorUtil;

/**
 * Inner-product distance {@code 1 - u.v} for unit vectors, computed by Lucene's
 * {@link VectorUtil#dotProduct}: Panama SIMD when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (Trawl's launcher and benchmarks do), otherwise an
 * unrolled multi-accumulator loop. hnswlib's own {@code FLOAT_INNER_PRODUCT} is a scalar loop
 * with one accumulator, which made graph search about 3x slower than Lucene's HNSW
 * ({@code VectorSearchBenchmark}, docs/BENCHMARKS.md).
 *
 * <p>hnswlib serializes the distance function into the graph file, so this class is
 * {@link java.io.Serializable} with a fixed {@code serialVersionUID}: keep its name, package and
 * serialized form (no fields) stable, or saved graphs stop loading (they are then rebuilt from
 * Lucene, which is correct but slow for large collections).
 */
public final class InnerProductDistance implements DistanceFunction<float[], Float> {
  @Serial
  private static final long serialVersionUID = 1L;

  /** The one instance; deserialization returns it too. */
  public static final InnerProductDistance INSTANCE = new InnerProductDistance();

  private InnerProductDistance() {}

  @Override
  public Float distance(float[] u, float[] v) {
    return 1f - VectorUtil.dotProduct(u, v);
  }

  @Serial
  private Object readResolve() {
    return INSTANCE;
  }
}
