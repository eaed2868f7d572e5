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
 * up once per document, in one batch, in doc-id order ({@link PassageKeys#docIdsOfSorted}).
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
    // Sort (document entry, position) once: each document's first position is its best passage,
    // and the document entries come out ascending, the order their ids are read in.
    int n = passages.size();
    long[] byParent = new long[n];
    for (int i = 0; i < n; i++) {
      byParent[i] = ((long) passages.get(i).parentDoc() << 32) | i;
    }
    Arrays.sort(byParent);
    int[] parents = new int[n];
    int[] firstPosition = new int[n];
    int documents = 0;
    long previous = -1;
    for (long e : byParent) {
      long parent = e >>> 32;
      if (parent != previous) {
        parents[documents] = (int) parent;
        firstPosition[documents++] = (int) e;
        previous = parent;
      }
    }
    String[] idsInDocOrder = PassageKeys.docIdsOfSorted(reader, Arrays.copyOf(parents, documents));
    // Back to list order without a second sort: mark each document's best position.
    String[] idAt = new String[n];
    for (int d = 0; d < documents; d++) {
      idAt[firstPosition[d]] = idsInDocOrder[d];
    }
    index = HashMap.newHashMap(documents);
    for (int i = 0; i < n; i++) {
      String id = idAt[i];
      if (id != null && index.putIfAbsent(id, best.size()) == null) {
        ids.add(id);
        best.add(passages.get(i));
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
