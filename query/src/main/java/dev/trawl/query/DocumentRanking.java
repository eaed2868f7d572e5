package dev.trawl.query;

import dev.trawl.query.fusion.RankedList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<String, Integer> index;

  /**
   * @param reader the snapshot's reader the passages were found in
   * @param passages one retriever's passages, best first
   */
  public DocumentRanking(IndexReader reader, List<PassageCandidate> passages) {
    List<PassageCandidate> first = collapse(passages);
    String[] docIds = resolve(reader, first);
    index = HashMap.newHashMap(docIds.length);
    for (int i = 0; i < docIds.length; i++) {
      if (docIds[i] != null && index.putIfAbsent(docIds[i], best.size()) == null) {
        ids.add(docIds[i]);
        best.add(first.get(i));
      }
    }
  }

  private DocumentRanking() {
    index = Map.of();
  }

  /** A ranking with no documents. */
  public static DocumentRanking empty() {
    return EMPTY;
  }

  /**
   * The first (best) passage of each document, in list order. Two primitive sorts instead of a
   * set of boxed doc ids: by (document entry, position) to find each document's first position,
   * then the kept positions back into list order.
   */
  private static List<PassageCandidate> collapse(List<PassageCandidate> passages) {
    int n = passages.size();
    long[] byParent = new long[n];
    for (int i = 0; i < n; i++) {
      byParent[i] = ((long) passages.get(i).parentDoc() << 32) | i;
    }
    Arrays.sort(byParent);
    int[] keep = new int[n];
    int kept = 0;
    long previous = -1;
    for (long e : byParent) {
      long parent = e >>> 32;
      if (parent != previous) {
        keep[kept++] = (int) e;
        previous = parent;
      }
    }
    Arrays.sort(keep, 0, kept);
    List<PassageCandidate> first = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      first.add(passages.get(keep[i]));
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
