package dev.trawl.bench.micro;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.rerank.RerankContext;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.RerankerModel;
import dev.trawl.ranker.model.TreeEnsemble;
import dev.trawl.ranker.train.LambdaMartParams;
import dev.trawl.ranker.train.LambdaMartTrainer;
import dev.trawl.ranker.train.QueryCandidates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The learned reranking stage on SciFact's 300 test queries: {@code LearnedReranker.rerank} (features
 * of the 200-document head, model scores, new order) and the model alone
 * ({@code TreeEnsemble.predict} on precomputed feature rows), with a LambdaMART model trained in
 * setup by XGBoost on the same queries' candidates (seed fixed, {@code rounds} depth-6 trees; the
 * model's quality is irrelevant here, its size is what costs).
 */
// Mean time per query over the 300 test queries (one invocation runs them all).
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// One fork: the fixture (indexing SciFact, training the model) takes most of a fork's time.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Xmx2g"})
// 3 x 1 s warm-up: enough passes for C2 to compile the tree walk and the feature code.
@Warmup(iterations = 3, time = 1)
// 5 x 1 s: an error bar within a minute per method and parameter.
@Measurement(iterations = 5, time = 1)
public class RerankingBenchmark {
  /** Trees in the model: 300 is the trainer's round cap (its latency budget), 101 a small model. */
  @Param({"101", "300"})
  public int rounds;

  private SciFactCandidates data;
  private LearnedReranker reranker;
  private TreeEnsemble trees;
  private final List<FeatureMatrix> matrices = new ArrayList<>();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = new SciFactCandidates();
    List<QueryCandidates> candidates = data.collector.collect(data.snapshot, data.queries, data.vectors, data.qrels,
        null);
    // No early stopping: exactly `rounds` trees, whatever the (training-set) metric does.
    byte[] json = new LambdaMartTrainer(10).fit(candidates, LambdaMartParams.defaults(42), rounds);
    RerankerModel model = new RerankerModel(data.extractor.schema(), json, JsonNodeFactory.instance.objectNode());
    reranker = new LearnedReranker(data.extractor, model, SciFactCandidates.DEPTH);
    trees = model.trees();
    for (QueryCandidates c : candidates) {
      matrices.add(c.features());
    }
    System.out.printf("%nRerankingBenchmark: %d trees, %d queries, %d candidates each%n", trees.numTrees(),
        candidates.size(), SciFactCandidates.DEPTH);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    data.close();
  }

  /** The whole stage as the request path runs it: features, model, reorder. */
  @Benchmark
  @OperationsPerInvocation(300)
  public void rerank(Blackhole bh) {
    for (int i = 0; i < data.queries.size(); i++) {
      SearchRequest request = data.collector.request(data.queries.get(i).text());
      bh.consume(reranker.rerank(new RerankContext(data.snapshot, request, data.vectors.get(i),
          data.retrieved.get(i), null)));
    }
  }

  /** The model alone: scores of 200 precomputed feature rows per query. */
  @Benchmark
  @OperationsPerInvocation(300)
  public void modelOnly(Blackhole bh) {
    for (FeatureMatrix m : matrices) {
      bh.consume(trees.predict(m.values(), m.rows(), m.columns()));
    }
  }
}
