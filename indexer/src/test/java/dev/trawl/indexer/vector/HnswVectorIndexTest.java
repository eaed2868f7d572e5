package dev.trawl.indexer.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.trawl.testing.SeededRandomExtension;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededRandomExtension.class)
class HnswVectorIndexTest {
  private static final int DIM = 384;

  private static float[] unit(Random random) {
    float[] v = new float[DIM];
    double norm = 0;
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < DIM; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  @Test
  void distanceIsOneMinusTheDotProduct(Random random) {
    for (int n = 0; n < 100; n++) {
      float[] a = unit(random);
      float[] b = unit(random);
      double dot = 0;
      for (int i = 0; i < DIM; i++) {
        dot += (double) a[i] * b[i];
      }
      assertEquals(1 - dot, InnerProductDistance.INSTANCE.distance(a, b), 1e-5);
      assertEquals(DistanceFunctions.FLOAT_INNER_PRODUCT.distance(a, b), InnerProductDistance.INSTANCE.distance(a, b),
          1e-5);
    }
  }

  @Test
  void savedGraphLoadsWithItsDistanceFunction(@TempDir Path dir, Random random) throws Exception {
    HnswVectorIndex index = HnswVectorIndex.create(DIM, HnswVectorIndex.Params.DEFAULT);
    for (int i = 0; i < 50; i++) {
      index.upsert("d" + i + "#0", "d" + i, unit(random), i);
    }
    float[] q = unit(random);
    List<VectorHit> before = index.search(q, 5, 50);
    index.save(dir, new VectorIndexStamp("c1", 0));

    var loaded = HnswVectorIndex.load(dir, DIM).orElseThrow();
    assertEquals("c1", loaded.stamp().commitId());
    assertEquals(before, loaded.index().search(q, 5, 50));
    HnswIndex<?, ?, ?, ?> graph;
    try (var in = Files.newInputStream(dir.resolve(HnswVectorIndex.FILE_NAME))) {
      graph = HnswIndex.load(in);
    }
    assertSame(InnerProductDistance.INSTANCE, graph.getDistanceFunction(), "deserialization keeps the singleton");
  }

  @Test
  void graphWithHnswlibsScalarDistanceIsNotLoaded(@TempDir Path dir, Random random) throws Exception {
    // What HnswVectorIndex saved before it used InnerProductDistance.
    HnswIndex<String, float[], HnswVectorIndex.PassageVector, Float> old =
        HnswIndex.<float[], Float>newBuilder(DIM, DistanceFunctions.FLOAT_INNER_PRODUCT, 16).withRemoveEnabled().build();
    old.add(new HnswVectorIndex.PassageVector("d#0", "d", unit(random), 1));
    try (OutputStream out = Files.newOutputStream(dir.resolve(HnswVectorIndex.FILE_NAME))) {
      old.save(out);
    }
    Files.writeString(dir.resolve(HnswVectorIndex.STAMP_FILE_NAME), "{\"commitId\":\"c1\",\"seq\":0}");
    // Not loaded, so the collection rebuilds it from Lucene (the graph is a cache) with the SIMD distance.
    assertTrue(HnswVectorIndex.load(dir, DIM).isEmpty());
  }
}
