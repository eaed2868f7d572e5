package dev.trawl.bench.scale;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.indexer.ingest.BulkIndexer;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.indexer.ingest.IndexingReport;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.indexer.vector.HnswVectorIndex;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.lexical.LexicalRetriever;
import dev.trawl.query.vector.VectorRetriever;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scaling curve of one collection size: builds a synthetic collection of {@code --size}
 * single-passage documents (Zipfian text, {@link ZipfianText}; random unit vectors,
 * {@link RandomVectorEmbedder}, or with {@code --vectors mix:LUCENE_DIR,...} vectors mixed from a
 * collection's real embeddings, {@link MixedVectorEmbedder}) through Trawl's own ingest path ({@link BulkIndexer}: chunking,
 * Lucene, hnswlib, commit), then measures index time by stage, size on disk, heap held by the
 * reopened collection, and single-thread search latency (p50/p99) per mode with the default agent
 * request (k=10, depth 200, ef 128, 120-token snippets; query vectors precomputed, so no
 * embedding time). Modes are interleaved query by query so that load from other processes
 * affects all three alike. Seeded: the same arguments give the same corpus, vectors and queries.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g \
 *   -cp bench/target/benchmarks.jar dev.trawl.bench.scale.ScalingRun --size 100000 --dir /tmp/scale
 * </pre>
 *
 * <p>Run one size per JVM: heap after load is then not disturbed by an earlier size.
 */
public final class ScalingRun {
  private static final int DIMENSION = 384;
  private static final int VOCABULARY = 200_000;
  private static final double ZIPF_EXPONENT = 1.0;
  private static final PrintStream OUT = System.out;

  /** Command-line settings. */
  record Options(int size, Path dir, int queries, int warmup, long seed, int words, List<Path> mixFrom) {
    static Options parse(String[] args) {
      int size = 10_000;
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "trawl-scale");
      int queries = 500;
      int warmup = 100;
      long seed = 0x5CA1EL;
      int words = 120;
      List<Path> mixFrom = List.of();
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--size" -> size = Integer.parseInt(v.replace("_", ""));
          case "--dir" -> dir = Path.of(v);
          case "--queries" -> queries = Integer.parseInt(v);
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--seed" -> seed = Long.decode(v);
          case "--words" -> words = Integer.parseInt(v);
          case "--vectors" -> mixFrom = v.equals("random") ? List.of()
              : Stream.of(v.replaceFirst("^mix:", "").split(",")).map(Path::of).toList();
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + " (--size N --dir DIR --queries N --warmup N --seed N --words N"
              + " --vectors random|mix:LUCENE_DIR[,LUCENE_DIR...])");
        }
        i++;
      }
      return new Options(size, dir, queries, warmup, seed, words, mixFrom);
    }
  }

  /** p50 and p99 of one mode, in milliseconds. */
  record Latency(double p50, double p99, double mean) {
    static Latency of(long[] nanos) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      double mean = Arrays.stream(s).average().orElse(0) / 1e6;
      return new Latency(s[(int) Math.ceil(0.50 * s.length) - 1] / 1e6, s[(int) Math.ceil(0.99 * s.length) - 1] / 1e6,
          mean);
    }
  }

  private ScalingRun() {}

  /** Random unit vectors, or with {@code --vectors mix:...} vectors mixed from real ones ({@link MixedVectorEmbedder}). */
  private static Embedder embedder(Options o) {
    if (o.mixFrom().isEmpty()) {
      return new RandomVectorEmbedder(DIMENSION, o.seed());
    }
    List<float[]> base = new java.util.ArrayList<>();
    for (Path dir : o.mixFrom()) {
      base.addAll(MixedRealVectors.readStored(dir));
    }
    return new MixedVectorEmbedder(base.toArray(new float[0][]), o.seed());
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Embedder embedder = embedder(o);
    OUT.printf("ScalingRun: %,d passages, %d-d vectors %s, Zipf(s=%.1f) over %,d words, ~%d words per"
            + " passage, seed 0x%X, JDK %s, %d cores, max heap %d MB%n", o.size(), DIMENSION, embedder.id(), ZIPF_EXPONENT, VOCABULARY,
        o.words(), o.seed(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    Path dir = o.dir().resolve("size-" + o.size());
    deleteRecursively(dir);
    Files.createDirectories(dir);

    // 1. Index through the production ingest path.
    IndexingReport report;
    {
      List<SourceDocument> corpus = corpus(o);
      try (DocumentCollection c = DocumentCollection.open("scale", dir, embedder, CollectionOptions.defaults())) {
        report = new BulkIndexer().index(c, corpus, new ConsoleProgress(OUT, "index " + o.size(), 10_000));
      }
    }
    OUT.println(report.describe());
    long luceneBytes = sizeOf(dir.resolve("lucene"));
    long graphBytes = Files.size(dir.resolve(HnswVectorIndex.FILE_NAME));

    // 2. Reopen (loads the saved graph) and measure the heap the open collection holds.
    long before = settledHeap();
    long t0 = System.nanoTime();
    try (DocumentCollection c = DocumentCollection.open("scale", dir, embedder, CollectionOptions.defaults());
        CollectionSnapshot snapshot = c.snapshot()) {
      double openSeconds = (System.nanoTime() - t0) / 1e9;
      long heap = settledHeap() - before;
      OUT.printf("reopened in %.1f s; heap held by the open collection: %,d MB (%,d bytes per passage)%n",
          openSeconds, heap >> 20, heap / o.size());

      // 3. Latency per mode, interleaved query by query.
      Map<SearchMode, Latency> latency = search(o, c, snapshot, embedder);
      OUT.printf("%nRESULT | passages | index s | passages/s | lucene MB | graph MB | heap MB | open s"
          + " | lexical p50/p99 ms | vector p50/p99 ms | hybrid p50/p99 ms |%n");
      OUT.printf("RESULT | %,d | %.1f | %.0f | %.1f | %.1f | %.0f | %.1f | %s | %s | %s |%n", o.size(),
          report.elapsedNanos() / 1e9, report.passages() / (report.elapsedNanos() / 1e9), luceneBytes / 1048576.0,
          graphBytes / 1048576.0, heap / 1048576.0, openSeconds, cell(latency.get(SearchMode.LEXICAL)),
          cell(latency.get(SearchMode.VECTOR)), cell(latency.get(SearchMode.HYBRID)));
      OUT.printf("STAGES | chunking %.1f s | lucene %.1f s | vector graph %.1f s | commit %.1f s | embedding %.1f s |%n",
          report.stages().chunkNanos() / 1e9, report.stages().luceneNanos() / 1e9, report.stages().graphNanos() / 1e9,
          report.stages().commitNanos() / 1e9, report.stages().embedNanos() / 1e9);
      latency.forEach((m, l) -> OUT.printf("LATENCY %s mean %.2f ms%n", m, l.mean()));
    }
  }

  private static String cell(Latency l) {
    return String.format("%.2f / %.2f", l.p50(), l.p99());
  }

  /** Single-passage documents: a 3-7 word title and 0.5x-1.5x the mean number of words. */
  static List<SourceDocument> corpus(Options o) {
    ZipfianText text = new ZipfianText(VOCABULARY, ZIPF_EXPONENT, o.seed());
    List<SourceDocument> docs = new ArrayList<>(o.size());
    for (int i = 0; i < o.size(); i++) {
      docs.add(SourceDocument.of("d" + i, text.query(text.nextInt(3, 7)),
          text.text(text.nextInt(o.words() / 2, o.words() * 3 / 2))));
    }
    return docs;
  }

  private static Map<SearchMode, Latency> search(Options o, DocumentCollection c, CollectionSnapshot snapshot,
      Embedder embedder) {
    ZipfianText text = new ZipfianText(VOCABULARY, ZIPF_EXPONENT, o.seed() + 1);
    int n = o.warmup() + o.queries();
    String[] queries = new String[n];
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      queries[i] = text.query(text.nextInt(3, 10));
      vectors[i] = embedder.embedQuery(queries[i]);
    }
    // No executor: both retrievers on this thread, so hybrid is their sum plus fusion and hydration.
    HybridSearcher searcher = new HybridSearcher(embedder, c.analyzer(), VectorRetriever.Params.DEFAULT, null);
    SearchMode[] modes = SearchMode.values();
    // Components, timed in the same interleaved loop: BM25 retrieval alone (LexicalRetriever at the
    // default depth), the hnswlib graph search alone (as the vector retriever calls it) and the
    // whole VectorRetriever (graph search, then each hit's Lucene entry in the snapshot).
    LexicalRetriever bm25 = new LexicalRetriever(c.analyzer());
    int depth = SearchRequest.DEFAULT_DEPTH;
    // What VectorRetriever asks hnswlib for without a filter: 1.2 x depth + 10 neighbours.
    int ef = Math.max(SearchRequest.DEFAULT_EF, (int) Math.ceil(depth * 1.2) + 10);
    VectorRetriever knn = new VectorRetriever(VectorRetriever.Params.DEFAULT);
    long[][] nanos = new long[modes.length + 3][o.queries()];
    ConsoleProgress progress = new ConsoleProgress(OUT, "search", "queries", 10_000);
    long start = System.nanoTime();
    long hits = 0;
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < modes.length; m++) {
        SearchRequest request = SearchRequest.of(queries[i]).withMode(modes[m]);
        long t0 = System.nanoTime();
        hits += searcher.search(snapshot, request, modes[m] == SearchMode.LEXICAL ? null : vectors[i]).hits().size();
        if (i >= o.warmup()) {
          nanos[m][i - o.warmup()] = System.nanoTime() - t0;
        }
      }
      long t = System.nanoTime();
      hits += bm25.retrieve(snapshot, queries[i], SearchFilter.NONE, depth).size();
      long t2 = System.nanoTime();
      hits += snapshot.vectors().search(vectors[i], ef, ef).size();
      long t3 = System.nanoTime();
      hits += knn.retrieve(snapshot, vectors[i], SearchFilter.NONE, depth).size();
      long t4 = System.nanoTime();
      if (i >= o.warmup()) {
        nanos[modes.length][i - o.warmup()] = t2 - t;
        nanos[modes.length + 1][i - o.warmup()] = t3 - t2;
        nanos[modes.length + 2][i - o.warmup()] = t4 - t3;
      }
      progress.onProgress(i + 1, n, 0, System.nanoTime() - start);
    }
    OUT.printf("%,d hits returned over %,d searches%n", hits, (long) n * modes.length);
    Map<SearchMode, Latency> out = new EnumMap<>(SearchMode.class);
    for (int m = 0; m < modes.length; m++) {
      out.put(modes[m], Latency.of(nanos[m]));
    }
    Latency lex = Latency.of(nanos[modes.length]);
    Latency graph = Latency.of(nanos[modes.length + 1]);
    Latency knnAll = Latency.of(nanos[modes.length + 2]);
    OUT.printf("COMPONENTS | BM25 retrieve (depth %d) p50/p99/mean %.2f / %.2f / %.2f ms | hnswlib search (ef %d) "
        + "p50/p99/mean %.2f / %.2f / %.2f ms | VectorRetriever (depth %d) p50/p99/mean %.2f / %.2f / %.2f ms |%n",
        depth, lex.p50(), lex.p99(), lex.mean(), ef, graph.p50(), graph.p99(), graph.mean(), depth, knnAll.p50(),
        knnAll.p99(), knnAll.mean());
    return out;
  }

  /** Used heap after garbage collection has settled (three full GCs). */
  private static long settledHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
