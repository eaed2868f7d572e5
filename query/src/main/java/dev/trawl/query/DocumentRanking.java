package dev.trawl.query;

import dev.trawl.query.fusion.RankedList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;

/**
 * A retriever's passage list collapsed to documents: a document takes the score and rank of
 * its best passage (max-passage aggregation), and its documents are ranked in that order.
 * Passages are grouped by their document entry's doc id; the document ids (strings) are looked
 * up once per document, in one batch ({@link PassageKeys#docIds}).
 */
public final class DocumentRanking {
  private static final DocumentRanking EMPTY = new DocumentRanking();

  private final List<PassageCandidate> best = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();

  /**
   * @param reader the snapshot's reader the passages were found in
   * @param passages one retriever's passages, best first
   */
  public DocumentRanking(IndexReader reader, List<PassageCandidate> passages) {
    List<PassageCandidate> first = collapse(passages);
    String[] docIds = resolve(reader, first);
    for (int i = 0; i < docIds.length; i++) {
      if (docIds[i] != null && index.putIfAbsent(docIds[i], best.size()) == null) {
        ids.add(docIds[i]);
        best.add(first.get(i));
      }
    }
  }

  private DocumentRanking() {}

  /** A ranking with no documents. */
  public static DocumentRanking empty() {
    return EMPTY;
  }

  private static List<PassageCandidate> collapse(List<PassageCandidate> passages) {
    Set<Integer> seen = new HashSet<>(passages.size() * 2);
    List<PassageCandidate> first = new ArrayList<>();
    for (PassageCandidate p : passages) {
      if (seen.add(p.parentDoc())) {
        first.add(p);
      }
    }
    return first;
  }

  private static String[] resolve(IndexReader reader, List<PassageCandidate> best) {
    int[] parents = new int[best.size()];
    for (int i = 0; i < parents.length; i++) {
      parents[i] = best.get(i).parentDoc();
    }
    return PassageKeys.docIds(reader, parents);
  }

  public int size() {
    return ids.size();
  }

  /** The best passage of {@code docId} in this list, or null. */
  public PassageCandidate bestPassage(String docId) {
    Integer i = index.get(docId);
    return i == null ? null : best.get(i);
  }

  /** Where this list ranks {@code docId}, or null. */
  public RetrieverRank rankOf(String docId) {
    Integer i = index.get(docId);
    return i == null ? null : new RetrieverRank(i + 1, best.get(i).score());
  }

  /** Documents best first. */
  public List<String> docIds() {
    return new ArrayList<>(ids);
  }

  /** As a fusion input. */
  public RankedList asRankedList(double weight) {
    float[] scores = new float[ids.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = best.get(i).score();
    }
    return new RankedList(docIds(), scores, weight);
  }
}
