package dev.trawl.query.fanout;

import dev.trawl.query.PassageRef;
import java.util.List;
import java.util.Map;

/**
 * One entry of the fused fan-out list.
 *
 * @param docId document id
 * @param score cross-query reciprocal-rank-fusion score
 * @param rank 1-based rank in the fused list
 * @param title document title
 * @param snippet text of the best passage under the snippet and total budgets ("" once the total budget is spent)
 * @param passage the passage the snippet comes from
 * @param metadata document metadata
 * @param matched every query that found this entry, with its rank in that query's list, best rank first
 */
public record MultiSearchHit(String docId, double score, int rank, String title, String snippet, PassageRef passage,
    Map<String, Object> metadata, List<QueryMatch> matched) {}
