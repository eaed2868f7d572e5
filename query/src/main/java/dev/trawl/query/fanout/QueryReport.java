package dev.trawl.query.fanout;

/**
 * What one query of a fan-out contributed.
 *
 * @param queryIndex 0-based position in the request
 * @param hits entries in this query's own list (at most its k)
 * @param newDocuments entries of this query's list that no earlier query (lower index) found;
 *     0 means the query was redundant given the ones before it
 */
public record QueryReport(int queryIndex, int hits, int newDocuments) {}
