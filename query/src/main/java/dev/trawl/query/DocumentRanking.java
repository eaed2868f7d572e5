package dev.trawl.query;

import dev.trawl.query.fusion.RankedList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retriever's passage list collapsed to documents: a document takes the score and rank of
 * its best passage (max-passage aggregation), and its documents are ranked in that order.
 */
public final class DocumentRanking {
  private final Map<String, PassageCandidate> best = new LinkedHashMap<>();
  private final Map<String, Integer> rank = new LinkedHashMap<>();

  /** @param passages one retriever's passages, best first */
  public DocumentRanking(List<PassageCandidate> passages) {
    for (PassageCandidate p : passages) {
      if (p.docId() != null && best.putIfAbsent(p.docId(), p) == null) {
        rank.put(p.docId(), rank.size() + 1);
      }
    }
  }

  public int size() {
    return best.size();
  }

  /** The best passage of {@code docId} in this list, or null. */
  public PassageCandidate bestPassage(String docId) {
    return best.get(docId);
  }

  /** Where this list ranks {@code docId}, or null. */
  public RetrieverRank rankOf(String docId) {
    PassageCandidate p = best.get(docId);
    return p == null ? null : new RetrieverRank(rank.get(docId), p.score());
  }

  /** Documents best first. */
  public List<String> docIds() {
    return new ArrayList<>(best.keySet());
  }

  /** As a fusion input. */
  public RankedList asRankedList(double weight) {
    List<String> keys = docIds();
    float[] scores = new float[keys.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = best.get(keys.get(i)).score();
    }
    return new RankedList(keys, scores, weight);
  }
}
