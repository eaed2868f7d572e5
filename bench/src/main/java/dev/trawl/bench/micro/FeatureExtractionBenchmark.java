package dev.trawl.bench.micro;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code FeatureExtractor.extract}: every ranking feature for the head (200 documents) of each
 * SciFact test query's hybrid fused list (postings walks per query term, norms, stored vectors),
 * against {@code HybridSearcher.retrieve} of the same queries (both retrievers, collapsing,
 * fusion), which is what the features are added to on the request path.
 */
// Mean time per query over the 300 test queries (one invocation runs them all).
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// One fork: the fixture (indexing SciFact) takes most of a fork's time; -f N adds forks.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Xmx2g"})
// 3 x 1 s warm-up: each iteration is several passes over 300 queries, so C2 has compiled the
// postings and BM25 code before measurement.
@Warmup(iterations = 3, time = 1)
// 5 x 1 s: an error bar within a minute per method.
@Measurement(iterations = 5, time = 1)
public class FeatureExtractionBenchmark {
  private SciFactCandidates data;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = new SciFactCandidates();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    data.close();
  }

  /** All features of the first 200 fused documents, per query. */
  @Benchmark
  @OperationsPerInvocation(300)
  public void extract(Blackhole bh) {
    for (int i = 0; i < data.queries.size(); i++) {
      bh.consume(data.extractor.extract(data.snapshot, data.queries.get(i).text(), data.vectors.get(i),
          data.retrieved.get(i), SciFactCandidates.DEPTH, null));
    }
  }

  /** The retrieval the features are computed on: both retrievers, collapsing and fusion (no hydration). */
  @Benchmark
  @OperationsPerInvocation(300)
  public void retrieve(Blackhole bh) {
    for (int i = 0; i < data.queries.size(); i++) {
      bh.consume(data.searcher.retrieve(data.snapshot, data.collector.request(data.queries.get(i).text()),
          data.vectors.get(i)));
    }
  }
}
