package dev.trawl.ranker.model;

import dev.trawl.query.Explain;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.rerank.RerankContext;
import dev.trawl.query.rerank.Reranker;
import dev.trawl.query.rerank.Reranking;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.feature.RankingFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reranks the top {@link #depth()} documents of a fused list with a LambdaMART model: computes
 * their {@link RankingFeature}s, scores them with the model's trees and orders them by score
 * (ties keep fused order). Documents below the head keep their fused order and are scored below
 * the head ({@code lowest head score - position below the head}), so scores stay monotone.
 *
 * <p>Without a model it reorders nothing but still explains (features for
 * {@link Explain#FEATURES}). Immutable and thread-safe.
 */
public final class LearnedReranker implements Reranker {
  /** Documents reranked by default: the training depth, so Recall@100 can improve too. */
  public static final int DEFAULT_DEPTH = 200;

  private final FeatureExtractor extractor;
  private final RerankerModel model;
  private final TreeEnsemble trees;
  private final int depth;
  private final String tag;

  /**
   * @param model the model, or null to only explain
   * @param depth how many documents of the fused list to rerank
   * @throws dev.trawl.ranker.feature.FeatureSchemaMismatchException if the model was trained on
   *     a feature {@code extractor} does not compute, or on another version of one (features
   *     added since the model was trained are fine: the model does not read them)
   */
  public LearnedReranker(FeatureExtractor extractor, RerankerModel model, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("rerank depth must be >= 1, got " + depth);
    }
    this.extractor = extractor;
    this.model = model;
    this.depth = depth;
    if (model != null) {
      int[] columns = extractor.schema().columnsFor(model.schema(), "the reranker model");
      this.trees = model.trees().readingColumns(columns, extractor.schema().size());
      this.tag = model.tag(); // hashes the model: once, not per query
    } else {
      this.trees = null;
      this.tag = "features-only";
    }
  }

  public int depth() {
    return depth;
  }

  /** The model, or null. */
  public RerankerModel model() {
    return model;
  }

  @Override
  public String tag() {
    return tag;
  }

  @Override
  public Reranking rerank(RerankContext context) {
    HybridSearcher.Retrieved retrieved = context.retrieved();
    List<Fused> fused = retrieved.fused();
    boolean reorder = trees != null && context.request().rerank();
    boolean explain = context.request().explain() == Explain.FEATURES;
    if ((!reorder && !explain) || fused.isEmpty()) {
      return Reranking.unchanged(retrieved);
    }
    // Always featurize the whole head (relative features depend on it), more if k asks for more.
    int head = Math.min(depth, fused.size());
    int rows = Math.max(head, explain ? Math.min(context.request().k(), fused.size()) : 0);
    FeatureMatrix m = extractor.extract(context.snapshot(), context.request().query(), context.queryVector(),
        retrieved, rows, context.fanOut());
    Map<String, Map<String, Double>> features = Map.of();
    if (explain) {
      features = new LinkedHashMap<>();
      for (int i = 0; i < rows; i++) {
        features.put(m.docIds().get(i), m.asMap(i));
      }
    }
    if (!reorder) {
      return new Reranking(retrieved, features, null);
    }
    FeatureMatrix scored = rows == head ? m : extractor.extract(context.snapshot(), context.request().query(),
        context.queryVector(), retrieved, head, context.fanOut());
    List<Fused> reordered = reorder(fused, scoreHead(scored, head), head);
    HybridSearcher.Retrieved out = new HybridSearcher.Retrieved(retrieved.lexical(), retrieved.vector(), reordered,
        retrieved.lexicalPassages(), retrieved.vectorPassages());
    return new Reranking(out, features, tag());
  }

  /** Model scores of the first {@code head} rows. */
  float[] scoreHead(FeatureMatrix m, int head) {
    return trees.predict(m.values(), head, m.columns());
  }

  static List<Fused> reorder(List<Fused> fused, float[] scores, int head) {
    Integer[] order = new Integer[head];
    for (int i = 0; i < head; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Float.compare(scores[b], scores[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    List<Fused> out = new ArrayList<>(fused.size());
    double lowest = Double.POSITIVE_INFINITY;
    for (int i : order) {
      out.add(new Fused(fused.get(i).key(), scores[i]));
      lowest = Math.min(lowest, scores[i]);
    }
    for (int i = head; i < fused.size(); i++) {
      out.add(new Fused(fused.get(i).key(), lowest - (i - head + 1)));
    }
    return out;
  }
}
