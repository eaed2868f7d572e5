package dev.trawl.query.fanout;

import dev.trawl.query.filter.SearchFilter;

/**
 * One query of a fan-out request.
 *
 * @param query free text
 * @param filter extra restrictions for this query only (combined with the request's filter)
 * @param k how many documents this query contributes to the fusion (0: the request's {@code perQueryK})
 */
public record SubQuery(String query, SearchFilter filter, int k) {
  public SubQuery {
    if (query == null) {
      throw new IllegalArgumentException("every query needs text");
    }
    filter = filter == null ? SearchFilter.NONE : filter;
    if (k < 0) {
      throw new IllegalArgumentException("a query's k must be >= 0, got " + k);
    }
  }

  public static SubQuery of(String query) {
    return new SubQuery(query, SearchFilter.NONE, 0);
  }
}
