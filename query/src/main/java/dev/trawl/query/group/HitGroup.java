package dev.trawl.query.group;

import java.util.List;

/**
 * One group of a grouped result: for {@code group_by: meeting}, one meeting with its best chunks.
 *
 * @param key the group's value of the grouping field (the meeting id), or the document id of a
 *     hit that lacks the field
 * @param rank 1-based rank of the group (by its best hit)
 * @param score its best hit's score
 * @param hits its best hits, best first; each keeps its rank in the ungrouped list
 * @param <H> the hit type ({@link dev.trawl.query.SearchHit} or
 *     {@link dev.trawl.query.fanout.MultiSearchHit})
 */
public record HitGroup<H>(String key, int rank, double score, List<H> hits) {
  public HitGroup {
    hits = List.copyOf(hits);
  }
}
