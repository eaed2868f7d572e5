package dev.trawl.bench.micro;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trawl.query.rerank.RerankContext;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.RerankerModel;
import dev.trawl.ranker.model.TreeEnsemble;
import dev.trawl.ranker.train.LambdaMartParams;
import dev.trawl.ranker.train.LambdaMartTrainer;
import dev.trawl.ranker.train.QueryCandidates;
import java.io.IOException;
import java.util.List;

/**
 * {@link FeatureExtractionBenchmark} and {@link RerankingBenchmark} side by side, interleaved query
 * by query ({@link InterleavedRounds}): hybrid retrieval (the baseline), feature extraction for the
 * 200-document head, the model alone on those rows, and the whole reranking stage, with a model of
 * {@code trees} depth-6 trees trained in setup (seeded).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *   dev.trawl.bench.micro.RerankingComparison [trees [warmupRounds rounds]]
 * </pre>
 */
public final class RerankingComparison {
  private RerankingComparison() {}

  public static void main(String[] args) throws IOException {
    int trees = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (SciFactCandidates data = new SciFactCandidates()) {
      List<QueryCandidates> candidates = data.collector.collect(data.snapshot, data.queries, data.vectors, data.qrels,
          null);
      byte[] json = new LambdaMartTrainer(10).fit(candidates, LambdaMartParams.defaults(42), trees);
      RerankerModel model = new RerankerModel(data.extractor.schema(), json, JsonNodeFactory.instance.objectNode());
      LearnedReranker reranker = new LearnedReranker(data.extractor, model, SciFactCandidates.DEPTH);
      TreeEnsemble ensemble = model.trees();
      long[] sink = new long[1];
      InterleavedRounds compare = new InterleavedRounds(data.queries.size(),
          new String[] {"hybrid retrieve", "feature extraction", "model only", "rerank stage"},
          i -> sink[0] += data.searcher.retrieve(data.snapshot, data.collector.request(data.queries.get(i).text()),
              data.vectors.get(i)).fused().size(),
          i -> sink[0] += data.extractor.extract(data.snapshot, data.queries.get(i).text(), data.vectors.get(i),
              data.retrieved.get(i), SciFactCandidates.DEPTH, null).rows(),
          i -> {
            FeatureMatrix m = candidates.get(i).features();
            sink[0] += ensemble.predict(m.values(), m.rows(), m.columns()).length;
          },
          i -> sink[0] += reranker.rerank(new RerankContext(data.snapshot,
              data.collector.request(data.queries.get(i).text()), data.vectors.get(i), data.retrieved.get(i), null))
              .retrieved().fused().size());
      System.out.printf("RerankingComparison: SciFact, %d queries, %d candidates, %d trees, %d warm-up + %d rounds%n",
          data.queries.size(), SciFactCandidates.DEPTH, ensemble.numTrees(), warmup, rounds);
      System.out.print(compare.report(compare.run(warmup, rounds)));
      System.out.println("(checksum " + sink[0] + ")");
    }
  }
}
