package dev.trawl.bench.micro;

import dev.trawl.bench.scale.SyntheticVectors;
import dev.trawl.indexer.vector.HnswVectorIndex;
import dev.trawl.indexer.vector.VectorHit;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Top-10 search over the same random unit vectors of BGE-small's dimension (384) with Trawl's
 * vector index (hnswlib, {@link HnswVectorIndex#search}), Lucene's own HNSW
 * ({@link KnnFloatVectorField} + {@link KnnFloatVectorQuery}, DOT_PRODUCT, one segment in a
 * {@link ByteBuffersDirectory}) and exact search (a scalar loop, and Lucene's
 * {@link VectorUtil#dotProduct}, which is SIMD when {@code jdk.incubator.vector} is present).
 * Both graphs use Trawl's parameters, M=16 and efConstruction=200; {@code ef} is hnswlib's
 * candidate list and Lucene's {@code k} (Lucene's query then keeps the best 10).
 *
 * <p>Not timed, printed by each fork's setup (lines starting {@code VECTOR}): build time, heap
 * per vector, and recall@10 against exact search over the same queries at the fork's ef.
 *
 * <p>Random vectors are the hard case for HNSW (no cluster structure), so recall here is a lower
 * bound for real embeddings at the same ef.
 */
// Mean time per query; QPS (single thread) = 1e6 / (us per query).
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// One fork per parameter set by default; every fork builds only the index its method uses
// (states are created lazily). Building hnswlib at 10k x 384-d took ~3 minutes on the shared
// machine, so the documented run uses -f 0 (one JVM, indexes built once and cached per size)
// started with or without --add-modules jdk.incubator.vector to compare Lucene's SIMD.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Xmx3g"})
// 3 x 1 s warm-up: the distance loops and graph walks are hot after a few thousand queries.
@Warmup(iterations = 3, time = 1)
// 5 x 1 s: enough for an error bar; each iteration runs the whole query set at least once.
@Measurement(iterations = 5, time = 1)
public class VectorSearchBenchmark {
  static final int DIMENSION = 384;
  static final int K = 10;
  static final int QUERIES = 101;
  static final int M = 16;
  static final int EF_CONSTRUCTION = 200;
  static final long SEED = 0x7EA1L;

  /** The vectors and queries, and the exact top-10 of every query. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Number of indexed vectors; odd so that nothing lines up with powers of two. 1M does not fit this machine's time. */
    @Param({"10007"})
    public int size;

    float[][] vectors;
    float[][] queries;
    int[][] exact;

    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom random = new SplittableRandom(SEED);
      vectors = randomUnitVectors(random, size);
      queries = randomUnitVectors(random, QUERIES);
      exact = new int[QUERIES][];
      for (int q = 0; q < QUERIES; q++) {
        exact[q] = exactTop(vectors, queries[q], true);
      }
    }
  }

  /** Candidate list size at search time. */
  @State(Scope.Benchmark)
  public static class Ef {
    @Param({"16", "32", "64", "128", "256", "512", "1024"})
    public int ef;
  }

  /** Trawl's hnswlib index over {@link Data#vectors}. */
  @State(Scope.Benchmark)
  public static class Hnswlib {
    /** Built once per JVM and size: building is minutes here, so the ef sweep reuses it (run with -f 0). */
    private static final java.util.Map<Integer, HnswVectorIndex> BUILT = new java.util.HashMap<>();
    HnswVectorIndex index;

    @Setup(Level.Trial)
    public void setUp(Data data, Ef ef) {
      index = BUILT.computeIfAbsent(data.size, size -> build(data));
      double recall = 0;
      for (int q = 0; q < QUERIES; q++) {
        List<VectorHit> hits = index.search(data.queries[q], K, ef.ef);
        int[] got = hits.stream().mapToInt(h -> Integer.parseInt(h.passageId())).toArray();
        recall += overlap(data.exact[q], got) / (double) K;
      }
      System.out.printf("%nVECTOR hnswlib size=%d ef=%d recall@10=%.4f simd=%s%n",
          data.size, ef.ef, recall / QUERIES, simd());
    }

    static HnswVectorIndex build(Data data) {
      long heapBefore = usedHeap();
      long t0 = System.nanoTime();
      HnswVectorIndex index = HnswVectorIndex.create(DIMENSION, new HnswVectorIndex.Params(M, EF_CONSTRUCTION));
      for (int i = 0; i < data.size; i++) {
        String id = Integer.toString(i);
        index.upsert(id, id, data.vectors[i], 1);
      }
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      // The float[] vectors are shared with Data (hnswlib keeps the caller's arrays), so this is
      // the graph and item overhead only; add 4 * 384 = 1,536 bytes for the vector itself.
      long heap = usedHeap() - heapBefore;
      System.out.printf("%nVECTOR hnswlib build size=%d build_s=%.1f heap_bytes_per_vector_excluding_floats=%d simd=%s%n",
          data.size, buildSeconds, heap / data.size, simd());
      return index;
    }
  }

  /** Lucene's HNSW over the same vectors, one segment, on heap. */
  @State(Scope.Benchmark)
  public static class LuceneHnsw {
    /** Built once per JVM and size, like {@link Hnswlib}; kept open for the JVM's life. */
    private static final java.util.Map<Integer, IndexSearcher> BUILT = new java.util.HashMap<>();
    IndexSearcher searcher;

    @Setup(Level.Trial)
    public void setUp(Data data, Ef ef) throws IOException {
      searcher = BUILT.get(data.size);
      if (searcher == null) {
        searcher = build(data);
        BUILT.put(data.size, searcher);
      }
      double recall = 0;
      for (int q = 0; q < QUERIES; q++) {
        recall += overlap(data.exact[q], docs(search(searcher, data.queries[q], ef.ef))) / (double) K;
      }
      System.out.printf("%nVECTOR lucene size=%d ef=%d recall@10=%.4f simd=%s%n",
          data.size, ef.ef, recall / QUERIES, simd());
    }

    static IndexSearcher build(Data data) throws IOException {
      long heapBefore = usedHeap();
      long t0 = System.nanoTime();
      ByteBuffersDirectory directory = new ByteBuffersDirectory();
      KnnVectorsFormat format = new Lucene99HnswVectorsFormat(M, EF_CONSTRUCTION);
      IndexWriterConfig config = new IndexWriterConfig()
          .setCodec(new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
              return format;
            }
          })
          // One flush at the end: one segment, one graph, like hnswlib; no merges.
          .setRAMBufferSizeMB(2048);
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < data.size; i++) {
          Document doc = new Document();
          doc.add(new KnnFloatVectorField("v", data.vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
          writer.addDocument(doc);
        }
        writer.commit();
      }
      DirectoryReader reader = DirectoryReader.open(directory);
      IndexSearcher searcher = new IndexSearcher(reader);
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      long heap = usedHeap() - heapBefore;
      if (reader.leaves().size() != 1) {
        throw new IllegalStateException("expected one segment, got " + reader.leaves().size());
      }
      // Lucene copies the vectors into its files, so this includes the floats.
      System.out.printf("%nVECTOR lucene build size=%d build_s=%.1f heap_bytes_per_vector=%d "
          + "directory_bytes_per_vector=%d simd=%s%n", data.size, buildSeconds,
          heap / data.size, directoryBytes(directory) / data.size, simd());
      return searcher;
    }
  }

  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void hnswlib(Data data, Ef ef, Hnswlib index, Blackhole bh) {
    for (float[] q : data.queries) {
      bh.consume(index.index.search(q, K, ef.ef));
    }
  }

  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void luceneHnsw(Data data, Ef ef, LuceneHnsw index, Blackhole bh) throws IOException {
    for (float[] q : data.queries) {
      bh.consume(search(index.searcher, q, ef.ef));
    }
  }

  /** Brute force with a plain scalar loop, as in {@code HnswVectorIndex.searchExact} and hnswlib's distance. */
  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void exactScalar(Data data, Blackhole bh) {
    for (float[] q : data.queries) {
      bh.consume(exactTop(data.vectors, q, false));
    }
  }

  /** Brute force with Lucene's VectorUtil.dotProduct (Panama SIMD when the incubator module is present). */
  @Benchmark
  @OperationsPerInvocation(QUERIES)
  public void exactVectorUtil(Data data, Blackhole bh) {
    for (float[] q : data.queries) {
      bh.consume(exactTop(data.vectors, q, true));
    }
  }

  static TopDocs search(IndexSearcher searcher, float[] q, int ef) throws IOException {
    return searcher.search(new KnnFloatVectorQuery("v", q, Math.max(ef, K)), K);
  }

  static int[] docs(TopDocs top) {
    return Arrays.stream(top.scoreDocs).mapToInt(sd -> sd.doc).toArray();
  }

  static float[][] randomUnitVectors(SplittableRandom random, int n) {
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = SyntheticVectors.randomUnit(random, DIMENSION);
    }
    return out;
  }

  /** Indices of the K largest dot products, best first. */
  static int[] exactTop(float[][] vectors, float[] q, boolean vectorUtil) {
    int[] ids = new int[K];
    float[] sims = new float[K];
    Arrays.fill(sims, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < vectors.length; i++) {
      float s = vectorUtil ? VectorUtil.dotProduct(q, vectors[i]) : scalarDot(q, vectors[i]);
      if (s > sims[K - 1]) {
        int j = K - 1;
        while (j > 0 && sims[j - 1] < s) {
          sims[j] = sims[j - 1];
          ids[j] = ids[j - 1];
          j--;
        }
        sims[j] = s;
        ids[j] = i;
      }
    }
    return ids;
  }

  static float scalarDot(float[] a, float[] b) {
    float s = 0f;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static int overlap(int[] truth, int[] got) {
    int n = 0;
    for (int t : truth) {
      for (int g : got) {
        if (g == t) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  static long directoryBytes(ByteBuffersDirectory dir) throws IOException {
    long total = 0;
    for (String file : dir.listAll()) {
      total += dir.fileLength(file);
    }
    return total;
  }

  static String simd() {
    return Boolean.toString(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
