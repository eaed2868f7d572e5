package dev.trawl.bench.micro;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.trawl.bench.scale.MixedRealVectors;
import dev.trawl.indexer.vector.HnswVectorIndex;
import dev.trawl.indexer.vector.VectorHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * {@link VectorSearchBenchmark}'s comparison, interleaved query by query
 * ({@link InterleavedRounds}) so that it holds on a shared machine: Lucene's HNSW vs Trawl's
 * hnswlib index vs exact search with {@code VectorUtil}, on the same random unit vectors (seeded),
 * at each ef, with recall@10 against exact search. Both graphs are built with M=16,
 * efConstruction=200 (Trawl's setting; Lucene's default beam width is 100), one after the other,
 * with their build times printed by {@link VectorSearchBenchmark}'s builders.
 *
 * <p>With a collection's {@code lucene} folder instead of a size, the vectors are that
 * collection's real passage embeddings ({@link #fromIndex}). With {@code mix:SIZE:dir1,dir2,...}
 * they are {@code SIZE} synthetic vectors mixed from the real embeddings of those collections
 * ({@link MixedRealVectors}), and the queries are real passage vectors held out of the mix: the
 * way to reach 1M vectors with the neighbourhood structure of real embeddings rather than of
 * random ones. Above 200k vectors the scalar-distance graph (a before/after figure) is skipped.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx3g \
 *   -cp bench/target/benchmarks.jar dev.trawl.bench.micro.VectorIndexComparison \
 *   [size | luceneDir | mix:SIZE:luceneDir,...] [rounds]
 * </pre>
 */
public final class VectorIndexComparison {
  private static final int[] EFS = {16, 32, 64, 128, 256, 512, 1024};

  private VectorIndexComparison() {}

  public static void main(String[] args) {
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    VectorSearchBenchmark.Data data = new VectorSearchBenchmark.Data();
    if (args.length > 0 && args[0].startsWith("mix:")) {
      String[] parts = args[0].split(":", 3);
      mixed(data, Integer.parseInt(parts[1].replace("_", "")),
          Arrays.stream(parts[2].split(",")).map(Path::of).toList());
    } else if (args.length > 0 && !args[0].matches("\\d+")) {
      fromIndex(data, Path.of(args[0]));
    } else {
      data.size = args.length > 0 ? Integer.parseInt(args[0]) : 10_007;
      data.setUp();
    }
    int size = data.size;
    HnswVectorIndex hnswlib = VectorSearchBenchmark.Hnswlib.build(data);
    // The graph as Trawl built it before InnerProductDistance: hnswlib's scalar FLOAT_INNER_PRODUCT.
    boolean withScalar = size <= 200_000;
    long t0 = System.nanoTime();
    HnswIndex<Integer, float[], ScalarItem, Float> scalar = HnswIndex
        .<float[], Float>newBuilder(VectorSearchBenchmark.DIMENSION, DistanceFunctions.FLOAT_INNER_PRODUCT, size)
        .withM(VectorSearchBenchmark.M).withEfConstruction(VectorSearchBenchmark.EF_CONSTRUCTION).withRemoveEnabled()
        .build();
    for (int i = 0; withScalar && i < size; i++) {
      scalar.add(new ScalarItem(i, data.vectors[i]));
    }
    System.out.printf("%nVECTOR hnswlib-scalar build size=%d build_s=%.1f%n", size, (System.nanoTime() - t0) / 1e9);
    IndexSearcher lucene;
    try {
      lucene = VectorSearchBenchmark.LuceneHnsw.build(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int queries = data.queries.length;
    System.out.printf("%nVectorIndexComparison: %,d vectors, %d queries, simd=%s, %d rounds per ef (after 2 warm-up)%n",
        size, queries, VectorSearchBenchmark.simd(), rounds);
    System.out.println("| ef | recall@10 hnswlib | recall@10 Lucene | hnswlib us/query | Lucene us/query"
        + " | exact us/query (timed at the first ef)"
        + " | hnswlib / Lucene (median, min-max) | before: scalar hnswlib recall, us/query, / Lucene |");
    double exactUs = 0;
    for (int ef : EFS) {
      // Exact search does not depend on ef, and at 1M vectors it takes ~180 ms a query: time it once.
      boolean timeExact = ef == EFS[0];
      double recallH = 0;
      double recallL = 0;
      double recallS = 0;
      for (int q = 0; q < queries; q++) {
        List<VectorHit> hits = hnswlib.search(data.queries[q], VectorSearchBenchmark.K, ef);
        recallH += VectorSearchBenchmark.overlap(data.exact[q],
            hits.stream().mapToInt(h -> Integer.parseInt(h.passageId())).toArray());
        int[] scalarIds = !withScalar ? new int[0] : scalar.findNearest(data.queries[q], Math.max(ef, VectorSearchBenchmark.K)).stream()
            .limit(VectorSearchBenchmark.K).mapToInt(r -> r.item().id()).toArray();
        recallS += VectorSearchBenchmark.overlap(data.exact[q], scalarIds);
        recallL += VectorSearchBenchmark.overlap(data.exact[q],
            VectorSearchBenchmark.docs(search(lucene, data.queries[q], ef)));
      }
      long[] sink = new long[1];
      InterleavedRounds compare = new InterleavedRounds(queries, new String[] {"lucene", "hnswlib", "exact", "hnswlib-scalar"},
          i -> sink[0] += search(lucene, data.queries[i], ef).scoreDocs.length,
          i -> sink[0] += hnswlib.search(data.queries[i], VectorSearchBenchmark.K, ef).size(),
          i -> sink[0] += timeExact ? VectorSearchBenchmark.exactTop(data.vectors, data.queries[i], true).length : 0,
          i -> sink[0] += withScalar ? scalar.findNearest(data.queries[i], Math.max(ef, VectorSearchBenchmark.K)).size()
              : 0);
      long[][] perRound = compare.run(2, rounds);
      double[] us = new double[4];
      for (int c = 0; c < 4; c++) {
        double[] v = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          v[r] = perRound[r][c] / 1e3 / queries;
        }
        us[c] = InterleavedRounds.median(v);
      }
      if (timeExact) {
        exactUs = us[2];
      }
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = perRound[r][1] / (double) perRound[r][0];
      }
      double[] scalarRatios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        scalarRatios[r] = perRound[r][3] / (double) perRound[r][0];
      }
      System.out.printf("| %d | %.3f | %.3f | %.0f | %.0f | %.0f | %.2f (%.2f-%.2f) | %.3f, %.0f, %.2f |%n", ef,
          recallH / (queries * VectorSearchBenchmark.K), recallL / (queries * VectorSearchBenchmark.K), us[1], us[0],
          exactUs, InterleavedRounds.median(ratios), Arrays.stream(ratios).min().orElse(0),
          Arrays.stream(ratios).max().orElse(0), recallS / (queries * VectorSearchBenchmark.K), us[3],
          InterleavedRounds.median(scalarRatios));
    }
  }

  /**
   * Real embeddings: every passage vector stored in a Trawl collection's Lucene index ({@code vec}
   * binary doc values), shuffled with the benchmark's seed; the first {@link VectorSearchBenchmark#QUERIES}
   * become the queries (passage-to-passage search, a stand-in for embedded queries) and the rest
   * are indexed.
   */
  private static void fromIndex(VectorSearchBenchmark.Data data, Path luceneDir) {
    List<float[]> all = MixedRealVectors.readStored(luceneDir);
    Collections.shuffle(all, new Random(VectorSearchBenchmark.SEED));
    int q = VectorSearchBenchmark.QUERIES;
    data.queries = all.subList(0, q).toArray(new float[0][]);
    data.vectors = all.subList(q, all.size()).toArray(new float[0][]);
    data.size = data.vectors.length;
    exact(data);
    System.out.printf("VectorIndexComparison: %,d real passage vectors from %s (%d held out as queries)%n",
        all.size(), luceneDir, q);
  }

  /**
   * {@code size} vectors from {@link MixedRealVectors} over the real passage vectors of the given
   * collections, less {@link VectorSearchBenchmark#QUERIES} of them held out (after a seeded
   * shuffle) as the queries.
   */
  private static void mixed(VectorSearchBenchmark.Data data, int size, List<Path> luceneDirs) {
    List<float[]> all = new ArrayList<>();
    for (Path dir : luceneDirs) {
      all.addAll(MixedRealVectors.readStored(dir));
    }
    Collections.shuffle(all, new Random(VectorSearchBenchmark.SEED));
    int q = VectorSearchBenchmark.QUERIES;
    data.queries = all.subList(0, q).toArray(new float[0][]);
    float[][] base = all.subList(q, all.size()).toArray(new float[0][]);
    long t0 = System.nanoTime();
    data.vectors = MixedRealVectors.generate(base, size, VectorSearchBenchmark.SEED);
    data.size = size;
    exact(data);
    System.out.printf("VectorIndexComparison: %,d vectors mixed from %,d real passage vectors of %s, %d real ones"
        + " held out as queries (generation and exact top-10 %.1f s)%n", size, base.length, luceneDirs, q,
        (System.nanoTime() - t0) / 1e9);
  }

  private static void exact(VectorSearchBenchmark.Data data) {
    int q = data.queries.length;
    data.exact = new int[q][];
    for (int i = 0; i < q; i++) {
      data.exact[i] = VectorSearchBenchmark.exactTop(data.vectors, data.queries[i], true);
    }
  }

  /** An item of the scalar-distance graph. */
  record ScalarItem(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private static org.apache.lucene.search.TopDocs search(IndexSearcher searcher, float[] q, int ef) {
    try {
      return VectorSearchBenchmark.search(searcher, q, ef);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
