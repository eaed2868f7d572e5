package dev.trawl.bench.micro;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.vector.VectorRetriever;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In-process fan-out: one {@link FanOutSearcher} request of 8 hybrid queries against 8
 * sequential {@link HybridSearcher} searches of the same queries and against 1 search, over
 * SciFact indexed with a 384-d {@link HashingEmbedder} (BGE-small's dimension, so the vector
 * path costs what it would; embedding itself costs microseconds, so it does not dominate).
 * The executor has 2 threads, like the server's pool on this 2-core machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// One fork, 3 x 1 s warm-up, 5 x 1 s measurement: each call is milliseconds, so each second
// holds hundreds; see LexicalSearchBenchmark for why one fork.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FanOutBenchmark {
  static final int FAN = 8;

  private Path tempDir;
  private DocumentCollection collection;
  private CollectionSnapshot snapshot;
  private ExecutorService pool;
  private HybridSearcher searcher;
  private FanOutSearcher fanOut;
  private List<List<String>> groups;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path data = SciFactData.dir();
    List<SourceDocument> corpus = SciFactData.corpus(data);
    List<String> queries = SciFactData.testQueries(data);
    tempDir = Files.createTempDirectory("trawl-jmh-fanout");
    collection = DocumentCollection.open("scifact", tempDir, new HashingEmbedder(384), CollectionOptions.defaults());
    for (int i = 0; i < corpus.size(); i += 500) {
      collection.upsert(corpus.subList(i, Math.min(corpus.size(), i + 500)));
    }
    collection.commit();
    snapshot = collection.snapshot();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory named = r -> {
      Thread t = new Thread(r, "bench-retrieve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    pool = Executors.newFixedThreadPool(2, named);
    searcher = new HybridSearcher(collection.embedder(), collection.analyzer(), VectorRetriever.Params.DEFAULT, pool);
    fanOut = new FanOutSearcher(searcher, pool);
    groups = new java.util.ArrayList<>();
    for (int i = 0; i + FAN <= queries.size(); i += FAN) {
      groups.add(queries.subList(i, i + FAN));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    pool.shutdownNow();
    snapshot.close();
    collection.close();
    try (Stream<Path> files = Files.walk(tempDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private List<String> nextGroup() {
    List<String> g = groups.get(next);
    next = (next + 1) % groups.size();
    return g;
  }

  /** 8 queries in one fan-out request (one embedding batch, queries in parallel, fused). */
  @Benchmark
  public Object fanOut8() {
    return fanOut.search(snapshot, MultiSearchRequest.of(nextGroup()));
  }

  /** The same 8 queries as 8 default hybrid searches, one after another. */
  @Benchmark
  public void sequential8(Blackhole bh) {
    for (String q : nextGroup()) {
      bh.consume(searcher.search(snapshot, SearchRequest.of(q)));
    }
  }

  /** One default hybrid search. */
  @Benchmark
  public Object single1() {
    return searcher.search(snapshot, SearchRequest.of(nextGroup().get(0)));
  }
}
