package dev.trawl.query.fanout;

import java.util.List;

/**
 * A page of a fan-out's fused list.
 *
 * @param results this page's entries
 * @param perQuery one report per query, in request order
 * @param total entries in the whole fused list (all pages)
 * @param offset index of this page's first entry in the fused list
 * @param snippetTokens estimated tokens of all snippets in this page
 * @param budgetExhausted true when the token budget emptied or shortened some snippets
 * @param snapshotVersion index snapshot that answered
 */
public record MultiSearchResult(List<MultiSearchHit> results, List<QueryReport> perQuery, int total, int offset,
    int snippetTokens, boolean budgetExhausted, long snapshotVersion) {

  /** True when entries remain after this page. */
  public boolean hasMore() {
    return offset + results.size() < total;
  }
}
