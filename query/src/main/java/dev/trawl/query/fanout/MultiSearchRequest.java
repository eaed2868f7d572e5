package dev.trawl.query.fanout;

import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.filter.SearchFilter;
import java.util.List;

/**
 * Several queries answered as one fused list (an agent's fan-out).
 *
 * @param queries 1 to {@link #MAX_QUERIES} queries
 * @param k documents per page of the fused list
 * @param perQueryK documents each query contributes to the fusion
 * @param dedupe true: one entry per document (passages collapse to their document); false: one
 *     entry per distinct passage, so a document may appear once per passage that matched
 * @param tokenBudget cap on the total estimated tokens of all snippets in a page (0: none)
 * @param mode retrievers used by every query
 * @param filter restrictions applied to every query (ACL principals included)
 * @param snippetTokens budget of each snippet before the total budget applies
 * @param rerank whether each query's fused list may be reordered by the collection's reranker
 *     (with the fan-out signals of the other queries) before the lists are fused; false keeps
 *     plain hybrid order (HTTP {@code "rerank": false})
 */
public record MultiSearchRequest(List<SubQuery> queries, int k, int perQueryK, boolean dedupe, int tokenBudget,
    SearchMode mode, SearchFilter filter, int snippetTokens, boolean rerank) {
  public static final int MAX_QUERIES = 32;
  public static final int DEFAULT_K = 20;
  public static final int DEFAULT_PER_QUERY_K = 50;
  public static final int MAX_PER_QUERY_K = 200;

  public MultiSearchRequest {
    if (queries == null || queries.isEmpty()) {
      throw new IllegalArgumentException("queries must hold at least one query");
    }
    if (queries.size() > MAX_QUERIES) {
      throw new IllegalArgumentException("at most " + MAX_QUERIES + " queries per request, got " + queries.size()
          + "; split them over several requests");
    }
    if (k < 1 || k > SearchRequest.MAX_K) {
      throw new IllegalArgumentException("k must be between 1 and " + SearchRequest.MAX_K + ", got " + k);
    }
    if (perQueryK < 1 || perQueryK > MAX_PER_QUERY_K) {
      throw new IllegalArgumentException("per_query_k must be between 1 and " + MAX_PER_QUERY_K + ", got " + perQueryK);
    }
    if (tokenBudget < 0) {
      throw new IllegalArgumentException("token_budget must be >= 0, got " + tokenBudget);
    }
    if (snippetTokens < 0) {
      throw new IllegalArgumentException("snippet max_tokens must be >= 0, got " + snippetTokens);
    }
    for (SubQuery q : queries) {
      if (q.k() > MAX_PER_QUERY_K) {
        throw new IllegalArgumentException("a query's k must be at most " + MAX_PER_QUERY_K + ", got " + q.k());
      }
    }
    queries = List.copyOf(queries);
    mode = mode == null ? SearchMode.HYBRID : mode;
    filter = filter == null ? SearchFilter.NONE : filter;
  }

  /** A request with reranking allowed (the form before {@code rerank} existed). */
  public MultiSearchRequest(List<SubQuery> queries, int k, int perQueryK, boolean dedupe, int tokenBudget,
      SearchMode mode, SearchFilter filter, int snippetTokens) {
    this(queries, k, perQueryK, dedupe, tokenBudget, mode, filter, snippetTokens, true);
  }

  /** Defaults: k 20, 50 per query, dedupe, no total budget, hybrid, 120-token snippets. */
  public static MultiSearchRequest of(List<String> queries) {
    return new MultiSearchRequest(queries.stream().map(SubQuery::of).toList(), DEFAULT_K, DEFAULT_PER_QUERY_K, true,
        0, SearchMode.HYBRID, SearchFilter.NONE, SearchRequest.DEFAULT_SNIPPET_TOKENS, true);
  }

  public MultiSearchRequest withFilter(SearchFilter f) {
    return new MultiSearchRequest(queries, k, perQueryK, dedupe, tokenBudget, mode, f, snippetTokens, rerank);
  }

  public MultiSearchRequest withK(int newK) {
    return new MultiSearchRequest(queries, newK, perQueryK, dedupe, tokenBudget, mode, filter, snippetTokens, rerank);
  }

  public MultiSearchRequest withTokenBudget(int budget) {
    return new MultiSearchRequest(queries, k, perQueryK, dedupe, budget, mode, filter, snippetTokens, rerank);
  }

  public MultiSearchRequest withMode(SearchMode m) {
    return new MultiSearchRequest(queries, k, perQueryK, dedupe, tokenBudget, m, filter, snippetTokens, rerank);
  }

  public MultiSearchRequest withDedupe(boolean d) {
    return new MultiSearchRequest(queries, k, perQueryK, d, tokenBudget, mode, filter, snippetTokens, rerank);
  }

  public MultiSearchRequest withRerank(boolean allowed) {
    return new MultiSearchRequest(queries, k, perQueryK, dedupe, tokenBudget, mode, filter, snippetTokens, allowed);
  }
}
