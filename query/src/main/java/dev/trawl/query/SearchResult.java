package dev.trawl.query;

import java.util.List;

/**
 * The answer to one {@link SearchRequest}.
 *
 * @param hits the top documents, best first
 * @param candidates number of distinct documents the retrievers produced before truncation to k
 * @param snapshotVersion version of the index snapshot that answered
 */
public record SearchResult(List<SearchHit> hits, int candidates, long snapshotVersion) {}
