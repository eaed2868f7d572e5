package dev.trawl.query;

import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.fusion.ReciprocalRankFusion;

/**
 * An immutable search: what to find and how. Build with {@link #of(String)} and the
 * {@code with*} methods; every field has a default a caller need not set.
 *
 * @param query free text; no query syntax (every character is text)
 * @param k number of documents to return
 * @param mode retrievers to use
 * @param filter metadata and visibility restrictions
 * @param depth passages fetched from each retriever before fusion (at least {@code k})
 * @param fusion how hybrid lists are combined
 * @param rrfK the {@code k} constant of reciprocal rank fusion
 * @param lexicalWeight weight of the lexical list in {@link FusionMethod#LINEAR} (vector gets {@code 1 - w})
 * @param ef hnswlib search list size
 * @param snippetTokens budget of each hit's snippet in estimated tokens ({@link TokenEstimate}); 0 for no snippet
 * @param rerank whether the searcher's reranking stage (the learned reranker, when the collection
 *     has a model) may reorder the fused list; false serves plain fused order (HTTP {@code "rerank": false})
 * @param explain what hits explain; {@link Explain#FEATURES} attaches each hit's feature vector
 *     (HTTP {@code "explain": "features"})
 */
public record SearchRequest(
    String query,
    int k,
    SearchMode mode,
    SearchFilter filter,
    int depth,
    FusionMethod fusion,
    int rrfK,
    double lexicalWeight,
    int ef,
    int snippetTokens,
    boolean rerank,
    Explain explain) {

  public static final int DEFAULT_K = 10;
  public static final int DEFAULT_DEPTH = 200;
  public static final int MAX_K = 1000;
  public static final int MAX_DEPTH = 5000;
  public static final int DEFAULT_SNIPPET_TOKENS = 120;
  public static final int DEFAULT_EF = 128;

  public SearchRequest {
    if (query == null) {
      throw new IllegalArgumentException("query is required");
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
    }
    if (lexicalWeight < 0 || lexicalWeight > 1 || Double.isNaN(lexicalWeight)) {
      throw new IllegalArgumentException("lexical_weight must be within [0, 1], got " + lexicalWeight);
    }
    if (snippetTokens < 0) {
      throw new IllegalArgumentException("snippet max_tokens must be >= 0, got " + snippetTokens);
    }
    if (rrfK < 1) {
      throw new IllegalArgumentException("rrf_k must be >= 1, got " + rrfK);
    }
    if (ef < 1) {
      throw new IllegalArgumentException("ef must be >= 1, got " + ef);
    }
    mode = mode == null ? SearchMode.HYBRID : mode;
    filter = filter == null ? SearchFilter.NONE : filter;
    fusion = fusion == null ? FusionMethod.RRF : fusion;
    explain = explain == null ? Explain.NONE : explain;
    depth = Math.max(depth, k);
  }

  /** A request with reranking allowed and nothing explained (the form before those two fields existed). */
  public SearchRequest(String query, int k, SearchMode mode, SearchFilter filter, int depth, FusionMethod fusion,
      int rrfK, double lexicalWeight, int ef, int snippetTokens) {
    this(query, k, mode, filter, depth, fusion, rrfK, lexicalWeight, ef, snippetTokens, true, Explain.NONE);
  }

  /** A hybrid search for {@code query} with every default. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, DEFAULT_K, SearchMode.HYBRID, SearchFilter.NONE, DEFAULT_DEPTH,
        FusionMethod.RRF, ReciprocalRankFusion.DEFAULT_K, 0.5, DEFAULT_EF, DEFAULT_SNIPPET_TOKENS, true, Explain.NONE);
  }

  public SearchRequest withQuery(String q) {
    return new SearchRequest(q, k, mode, filter, depth, fusion, rrfK, lexicalWeight, ef, snippetTokens, rerank,
        explain);
  }

  public SearchRequest withK(int newK) {
    return new SearchRequest(query, newK, mode, filter, Math.max(depth, newK), fusion, rrfK, lexicalWeight, ef,
        snippetTokens, rerank, explain);
  }

  public SearchRequest withMode(SearchMode m) {
    return new SearchRequest(query, k, m, filter, depth, fusion, rrfK, lexicalWeight, ef, snippetTokens, rerank,
        explain);
  }

  public SearchRequest withFilter(SearchFilter f) {
    return new SearchRequest(query, k, mode, f, depth, fusion, rrfK, lexicalWeight, ef, snippetTokens, rerank, explain);
  }

  public SearchRequest withDepth(int d) {
    return new SearchRequest(query, k, mode, filter, d, fusion, rrfK, lexicalWeight, ef, snippetTokens, rerank,
        explain);
  }

  public SearchRequest withFusion(FusionMethod f, int newRrfK, double newLexicalWeight) {
    return new SearchRequest(query, k, mode, filter, depth, f, newRrfK, newLexicalWeight, ef, snippetTokens, rerank,
        explain);
  }

  public SearchRequest withEf(int newEf) {
    return new SearchRequest(query, k, mode, filter, depth, fusion, rrfK, lexicalWeight, newEf, snippetTokens,
        rerank, explain);
  }

  public SearchRequest withSnippetTokens(int tokens) {
    return new SearchRequest(query, k, mode, filter, depth, fusion, rrfK, lexicalWeight, ef, tokens, rerank, explain);
  }

  /** Allows ({@code true}, the default) or forbids reranking of this request. */
  public SearchRequest withRerank(boolean allowed) {
    return new SearchRequest(query, k, mode, filter, depth, fusion, rrfK, lexicalWeight, ef, snippetTokens, allowed,
        explain);
  }

  public SearchRequest withExplain(Explain e) {
    return new SearchRequest(query, k, mode, filter, depth, fusion, rrfK, lexicalWeight, ef, snippetTokens, rerank, e);
  }
}
