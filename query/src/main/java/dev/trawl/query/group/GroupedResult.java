package dev.trawl.query.group;

import java.util.List;

/**
 * A result list collapsed to groups.
 *
 * @param groups this page's groups, best first; their ranks continue across pages
 * @param candidates distinct documents the retrievers produced before grouping
 * @param snapshotVersion version of the index snapshot that answered
 * @param offset groups before this page (0 for the first)
 * @param hasMore whether the candidates hold groups after this page
 * @param <H> the hit type
 */
public record GroupedResult<H>(List<HitGroup<H>> groups, int candidates, long snapshotVersion, int offset,
    boolean hasMore) {
  public GroupedResult {
    groups = List.copyOf(groups);
  }
}
