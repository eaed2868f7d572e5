package dev.trawl.query.rerank;

/**
 * The stage after fusion: reorders the head of one query's fused candidate list and, when asked,
 * explains each candidate by its feature vector. Two methods, like Anserini's {@code Reranker};
 * stages compose by feeding one's output list to the next.
 *
 * <p>Implementations are immutable and thread-safe: one instance serves concurrent requests.
 */
public interface Reranker {
  /**
   * Reranks {@code context.retrieved()}. The returned list holds exactly the keys of the input
   * fused list; only its order and scores may change. Called only when the request allows
   * reranking or asks for features (see {@link RerankContext}); an implementation reorders only
   * when {@code context.request().rerank()} is true.
   */
  Reranking rerank(RerankContext context);

  /** A short identifier of the model or rule, for result metadata and run tags. */
  String tag();
}
