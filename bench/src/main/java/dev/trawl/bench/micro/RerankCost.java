package dev.trawl.bench.micro;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.concurrent.NamedThreadFactory;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.ranker.eval.BeirQueries;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.CollectionRerankers;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.ModelStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the learned reranker adds to a search, per query, measured side by side in one process on
 * a collection built by {@code trawl eval}/{@code trawl train} with its saved model: for each test
 * query, in rotating order, (1) a fresh BGE query embedding (the model call every new query
 * pays), (2) the default hybrid search with the query vector given (retrieval, fusion, stored
 * fields, snippets; {@code rerank: false}), (3) the same search reranked by the collection's model
 * (default depth {@value LearnedReranker#DEFAULT_DEPTH}). Each query is timed {@code rounds} times
 * per contender and its fastest time kept (as {@code trawl eval --latency-repeats} does); the
 * reranking cost of a query is (3) - (2). Reported: p50 and p99 over queries of each, and the cost
 * as a share of the hybrid search with and without the query embedding.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx3g \
 *   -cp bench/target/benchmarks.jar dev.trawl.bench.micro.RerankCost \
 *   ../shared/data/nfcorpus /tmp/rank-data/collections/beir-nfcorpus [rounds]
 * </pre>
 */
public final class RerankCost {
  private RerankCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: RerankCost BEIR_DIR COLLECTION_DIR [rounds]");
    }
    Path beir = Path.of(args[0]);
    Path collectionDir = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<Query> queries = BeirQueries.readSplit(beir, "test");
    ExecutorService pool = Executors.newFixedThreadPool(2, new NamedThreadFactory("trawl-retrieve"));
    BgeSmallEmbedder bge = new BgeSmallEmbedder();
    try (DocumentCollection collection = DocumentCollection.open(collectionDir.getFileName().toString(), collectionDir,
        bge, CollectionOptions.defaults())) {
      HybridSearcher searcher = new HybridSearcher(bge, TextAnalysis.englishAnalyzer(), VectorRetriever.Params.DEFAULT,
          pool).withRerankers(new CollectionRerankers(name -> ModelStore.folder(collectionDir),
          new FeatureExtractor(TextAnalysis.englishAnalyzer()), LearnedReranker.DEFAULT_DEPTH));
      int n = queries.size();
      float[][] vectors = new float[n][];
      for (int i = 0; i < n; i++) {
        vectors[i] = bge.embedQuery(queries.get(i).text());
      }
      double[][] best = new double[3][n];
      for (double[] b : best) {
        Arrays.fill(b, Double.MAX_VALUE);
      }
      String model;
      try (CollectionSnapshot snapshot = collection.snapshot()) {
        model = searcher.search(snapshot, SearchRequest.of(queries.get(0).text()), vectors[0]).reranker();
        for (int warm = 0; warm < Math.min(50, n); warm++) { // JIT, not charged to the first queries
          searcher.search(snapshot, SearchRequest.of(queries.get(warm).text()).withRerank(false), vectors[warm]);
          searcher.search(snapshot, SearchRequest.of(queries.get(warm).text()), vectors[warm]);
        }
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
          for (int i = 0; i < n; i++) {
            String text = queries.get(i).text();
            for (int k = 0; k < 3; k++) {
              int c = (i + r + k) % 3; // rotate which contender goes first
              long t0 = System.nanoTime();
              switch (c) {
                // BgeSmallEmbedder keeps no cache: every call runs the model.
                case 0 -> sink += bge.embedQuery(text).length;
                case 1 -> sink += searcher.search(snapshot, SearchRequest.of(text).withRerank(false), vectors[i])
                    .hits().size();
                default -> sink += searcher.search(snapshot, SearchRequest.of(text), vectors[i]).hits().size();
              }
              best[c][i] = Math.min(best[c][i], (System.nanoTime() - t0) / 1e6);
            }
          }
        }
        double[] cost = new double[n];
        double[] shareOfSearch = new double[n];
        double[] shareOfServed = new double[n];
        for (int i = 0; i < n; i++) {
          cost[i] = best[2][i] - best[1][i];
          shareOfSearch[i] = cost[i] / best[1][i];
          shareOfServed[i] = cost[i] / (best[1][i] + best[0][i]);
        }
        double[] served = new double[n];
        for (int i = 0; i < n; i++) {
          served[i] = best[0][i] + best[1][i];
        }
        System.out.printf("RerankCost: %s, %d test queries, model %s, depth %d, fastest of %d per query"
            + " (checksum %d)%n", collectionDir.getFileName(), n, model, LearnedReranker.DEFAULT_DEPTH, rounds, sink);
        System.out.println("| per query, ms | p50 | p99 | mean |");
        System.out.println("|---|---:|---:|---:|");
        row("query embedding (fresh model call)", best[0]);
        row("hybrid search, rerank off (query vector given)", best[1]);
        row("hybrid search, reranked", best[2]);
        row("reranking cost (reranked - off)", cost);
        row("hybrid search as served (embedding + search)", served);
        System.out.printf("reranking cost / hybrid search without embedding: p50 of costs / p50 of searches %.0f%%,"
            + " p99 / p99 %.0f%%; per-query share p50 %.0f%%%n", 100 * pct(cost, 0.5) / pct(best[1], 0.5),
            100 * pct(cost, 0.99) / pct(best[1], 0.99), 100 * pct(shareOfSearch, 0.5));
        System.out.printf("reranking cost / hybrid search as served: p50 %.0f%%, p99 %.0f%%; per-query share p50 %.0f%%,"
            + " p99 %.0f%%%n", 100 * pct(cost, 0.5) / pct(served, 0.5), 100 * pct(cost, 0.99) / pct(served, 0.99),
            100 * pct(shareOfServed, 0.5), 100 * pct(shareOfServed, 0.99));
      }
    } finally {
      pool.shutdown();
      bge.close();
    }
  }

  private static void row(String name, double[] values) {
    System.out.printf("| %s | %.2f | %.2f | %.2f |%n", name, pct(values, 0.5), pct(values, 0.99),
        Arrays.stream(values).average().orElse(0));
  }

  /** Nearest-rank percentile. */
  private static double pct(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[Math.max(0, (int) Math.ceil(p * s.length) - 1)];
  }
}
