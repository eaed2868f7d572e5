package dev.trawl.query.fanout;

/**
 * That query {@code queryIndex} (0-based, request order) found a result at {@code rank} (1-based) of its own list.
 */
public record QueryMatch(int queryIndex, int rank) {}
