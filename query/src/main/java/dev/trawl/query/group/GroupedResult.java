package dev.trawl.query.group;

import java.util.List;

/**
 * A result list collapsed to groups.
 *
 * @param groups the top groups, best first
 * @param candidates distinct documents the retrievers produced before grouping
 * @param snapshotVersion version of the index snapshot that answered
 * @param <H> the hit type
 */
public record GroupedResult<H>(List<HitGroup<H>> groups, int candidates, long snapshotVersion) {
  public GroupedResult {
    groups = List.copyOf(groups);
  }
}
