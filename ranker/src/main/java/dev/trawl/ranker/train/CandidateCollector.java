package dev.trawl.ranker.train;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchRequest;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.feature.FeatureMatrix;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds learning-to-rank data the way serving sees it: each query is retrieved with the hybrid
 * retriever at a given depth (the default search otherwise), the head of its fused list is
 * featurized with the {@link FeatureExtractor}, and every candidate is labeled with its qrels grade.
 */
public final class CandidateCollector {
  private final HybridSearcher searcher;
  private final FeatureExtractor extractor;
  private final int depth;

  /**
   * @param depth candidates per query: passages fetched per retriever and documents kept from the
   *     fused list (the reranker's depth at serving time)
   */
  public CandidateCollector(HybridSearcher searcher, FeatureExtractor extractor, int depth) {
    this.searcher = searcher.sequential();
    this.extractor = extractor;
    this.depth = depth;
  }

  public int depth() {
    return depth;
  }

  /** The request each query is retrieved with. */
  public SearchRequest request(String text) {
    return SearchRequest.of(text).withDepth(Math.max(depth, SearchRequest.DEFAULT_DEPTH)).withSnippetTokens(0);
  }

  /**
   * Candidates of every query, in query order.
   *
   * @param vectors query embeddings aligned with {@code queries} (embed them in one batch)
   * @param log progress, or null
   */
  public List<QueryCandidates> collect(CollectionSnapshot snapshot, List<Query> queries, List<float[]> vectors,
      Qrels qrels, PrintStream log) {
    List<QueryCandidates> out = new ArrayList<>(queries.size());
    ConsoleProgress progress = log == null ? null : new ConsoleProgress(log, "candidates", "queries", 5000);
    long t0 = System.nanoTime();
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      float[] v = vectors.get(i);
      HybridSearcher.Retrieved r = searcher.retrieve(snapshot, request(q.text()), v);
      FeatureMatrix m = extractor.extract(snapshot, q.text(), v, r, depth, null);
      Map<String, Integer> judged = qrels.judgments(q.id());
      int[] labels = new int[m.rows()];
      for (int row = 0; row < labels.length; row++) {
        labels[row] = Math.max(0, judged.getOrDefault(m.docIds().get(row), 0));
      }
      out.add(new QueryCandidates(q.id(), m, labels));
      if (progress != null) {
        progress.onProgress(i + 1, queries.size(), 0, System.nanoTime() - t0);
      }
    }
    return out;
  }
}
