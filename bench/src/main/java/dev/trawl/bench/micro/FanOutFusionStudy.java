package dev.trawl.bench.micro;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.concurrent.NamedThreadFactory;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.indexer.embed.CachingEmbedder;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.fanout.QueryMatch;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.ranker.eval.BeirQueries;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.CollectionRerankers;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.ModelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;

/**
 * How a fan-out's cross-query fusion serves an agent that sends several <em>different</em>
 * questions at once: the BEIR test queries are shuffled (seeded) into groups of 8, each group is
 * one {@code multi_search} (defaults: per_query_k 50, deduplicated, reranked when the collection
 * has a model), and the merged list is scored against the union of the 8 queries' judged
 * documents. The per-query ranks of every merged entry ({@code matched}) let several fusions be
 * compared on the same retrieval: RRF summed over the queries (k = 60, the usual one; 10; 3, the
 * shipped {@link FanOutSearcher#CROSS_QUERY_RRF_K}; 1),
 * and the best reciprocal rank with the RRF sum breaking ties (each query's first hits first).
 *
 * <p>Reported per fusion, averaged over groups: Recall@K of the union of the group's relevant
 * documents, and query coverage@K, the fraction of queries with at least one of their relevant
 * documents in the merged top K (a query with none retrieved by itself is left out).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx3g \
 *   -cp bench/target/benchmarks.jar dev.trawl.bench.micro.FanOutFusionStudy \
 *   ../shared/data/nfcorpus /tmp/rank-data/collections/beir-nfcorpus /tmp/rank-data/embedding-cache
 * </pre>
 */
public final class FanOutFusionStudy {
  private static final int GROUP = 8;
  private static final int[] CUTOFFS = {10, 20, 50};

  private FanOutFusionStudy() {}

  public static void main(String[] args) throws Exception {
    Path beir = Path.of(args[0]);
    Path collectionDir = Path.of(args[1]);
    List<Query> queries = new ArrayList<>(BeirQueries.readSplit(beir, "test"));
    Qrels qrels = Qrels.readBeirSplit(beir, "test");
    Collections.shuffle(queries, new Random(2026));
    Map<String, ToDoubleFunction<List<QueryMatch>>> fusions = new LinkedHashMap<>();
    fusions.put("RRF sum, k=60 (the usual k)", m -> m.stream().mapToDouble(x -> 1.0 / (60 + x.rank())).sum());
    for (int k : new int[] {10, 3, 1}) {
      String label = "RRF sum, k=" + k + (k == FanOutSearcher.CROSS_QUERY_RRF_K ? " (shipped)" : "");
      fusions.put(label, m -> m.stream().mapToDouble(x -> 1.0 / (k + x.rank())).sum());
    }
    fusions.put("best rank, RRF sum breaks ties", m -> {
      double best = m.stream().mapToDouble(x -> 1.0 / (60 + x.rank())).max().orElse(0);
      double sum = m.stream().mapToDouble(x -> 1.0 / (60 + x.rank())).sum();
      return best + 1e-6 * sum;
    });
    ExecutorService pool = Executors.newFixedThreadPool(2, new NamedThreadFactory("trawl-retrieve"));
    Embedder embedder = args.length > 2 ? CachingEmbedder.open(new BgeSmallEmbedder(), Path.of(args[2]))
        : new BgeSmallEmbedder();
    try (DocumentCollection collection = DocumentCollection.open(collectionDir.getFileName().toString(), collectionDir,
        embedder, CollectionOptions.defaults()); CollectionSnapshot snapshot = collection.snapshot()) {
      HybridSearcher searcher = new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(),
          VectorRetriever.Params.DEFAULT, pool).withRerankers(new CollectionRerankers(name -> ModelStore.folder(collectionDir),
          new FeatureExtractor(TextAnalysis.englishAnalyzer()), LearnedReranker.DEFAULT_DEPTH));
      FanOutSearcher fanOut = new FanOutSearcher(searcher, pool);
      int groups = queries.size() / GROUP;
      double[][] recall = new double[fusions.size()][CUTOFFS.length];
      double[][] coverage = new double[fusions.size()][CUTOFFS.length];
      for (int g = 0; g < groups; g++) {
        List<Query> group = queries.subList(g * GROUP, (g + 1) * GROUP);
        FanOutSearcher.FanOut out = fanOut.execute(snapshot,
            MultiSearchRequest.of(group.stream().map(Query::text).toList()));
        Set<String> union = new HashSet<>();
        for (Query q : group) {
          union.addAll(qrels.judgments(q.id()).entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
              .toList());
        }
        int f = 0;
        for (ToDoubleFunction<List<QueryMatch>> fusion : fusions.values()) {
          Map<String, Double> score = new java.util.HashMap<>();
          for (FanOutSearcher.Entry e : out.entries()) {
            score.put(e.docId(), fusion.applyAsDouble(e.matched()));
          }
          List<FanOutSearcher.Entry> order = new ArrayList<>(out.entries());
          order.sort((a, b) -> {
            int c = Double.compare(score.get(b.docId()), score.get(a.docId()));
            return c != 0 ? c : a.docId().compareTo(b.docId());
          });
          for (int c = 0; c < CUTOFFS.length; c++) {
            List<String> top = order.subList(0, Math.min(CUTOFFS[c], order.size())).stream()
                .map(FanOutSearcher.Entry::docId).toList();
            recall[f][c] += union.isEmpty() ? 0 : top.stream().filter(union::contains).count() / (double) union.size();
            int answerable = 0;
            int covered = 0;
            for (int qi = 0; qi < GROUP; qi++) {
              Map<String, Integer> judged = qrels.judgments(group.get(qi).id());
              int index = qi;
              boolean retrieved = out.entries().stream().anyMatch(e -> judged.getOrDefault(e.docId(), 0) > 0
                  && e.matched().stream().anyMatch(m -> m.queryIndex() == index));
              if (!retrieved) {
                continue;
              }
              answerable++;
              if (top.stream().anyMatch(d -> judged.getOrDefault(d, 0) > 0)) {
                covered++;
              }
            }
            coverage[f][c] += answerable == 0 ? 0 : covered / (double) answerable;
          }
          f++;
        }
      }
      System.out.printf("FanOutFusionStudy: %s, %d groups of %d test queries (seed 2026), per_query_k %d, reranked: %s%n",
          collectionDir.getFileName(), groups, GROUP, MultiSearchRequest.DEFAULT_PER_QUERY_K,
          searcher.reranks());
      System.out.println("| fusion across queries | R@10 | R@20 | R@50 | coverage@10 | coverage@20 | coverage@50 |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      int f = 0;
      for (String name : fusions.keySet()) {
        System.out.printf("| %s | %.4f | %.4f | %.4f | %.3f | %.3f | %.3f |%n", name, recall[f][0] / groups,
            recall[f][1] / groups, recall[f][2] / groups, coverage[f][0] / groups, coverage[f][1] / groups,
            coverage[f][2] / groups);
        f++;
      }
    } finally {
      pool.shutdown();
      embedder.close();
    }
  }
}
