package dev.trawl.query.vector;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.vector.VectorHit;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.PassageKeys;
import dev.trawl.query.filter.SearchFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.VectorUtil;

/**
 * Vector kNN over a collection's passages.
 *
 * <p>Strategy, chosen per query:
 * <ul>
 *   <li>few candidate passages (the collection, or the set a filter allows, has at most
 *       {@code exactBelow} passages, or the filter allows less than {@code exactFraction} of
 *       them): exact search over the allowed passages' vectors read from Lucene;
 *   <li>otherwise: approximate search in the hnswlib graph with {@code ef}, over-fetching by
 *       the inverse of the filter's selectivity, keeping hits that are live in the snapshot and
 *       pass the filter; if that leaves fewer than requested, exact search over the allowed set.
 * </ul>
 * Every hit is checked against the snapshot, so the result is the same as an exact search
 * over the snapshot's visible passages up to the graph's recall. Thread-safe.
 */
public final class VectorRetriever {
  /** Settings. {@code ef}: hnswlib candidate list size; exact search below {@code exactBelow} passages. */
  public record Params(int ef, int exactBelow, double exactFraction) {
    public static final Params DEFAULT = new Params(128, 2_000, 0.05);

    public Params {
      if (ef < 1) {
        throw new IllegalArgumentException("ef must be >= 1, got " + ef);
      }
    }
  }

  private final Params params;

  public VectorRetriever(Params params) {
    this.params = params;
  }

  public Params params() {
    return params;
  }

  /** The {@code depth} passages closest to {@code query} that pass {@code filter} in {@code snapshot}. */
  public List<PassageCandidate> retrieve(CollectionSnapshot snapshot, float[] query, SearchFilter filter,
      int depth) {
    if (depth <= 0) {
      return List.of();
    }
    try {
      IndexSearcher searcher = snapshot.searcher();
      Query allowedQuery = filter.passageQuery();
      int total = snapshot.vectors().size();
      FixedBitSet allowed = null;
      int allowedCount = total;
      if (!filter.isEmpty()) {
        allowed = collect(searcher, allowedQuery, snapshot.reader().maxDoc());
        allowedCount = allowed.cardinality();
        if (allowedCount == 0) {
          return List.of();
        }
      }
      boolean exact = allowedCount <= params.exactBelow()
          || (allowed != null && allowedCount < params.exactFraction() * total);
      if (!exact) {
        double selectivity = Math.max(1e-3, (double) allowedCount / Math.max(1, total));
        int fetch = (int) Math.min(Math.max(total, 1), Math.ceil(depth / selectivity * 1.2) + 10);
        List<PassageCandidate> hits = approximate(snapshot, query, fetch, depth, allowed);
        if (hits.size() >= Math.min(depth, allowedCount) || fetch >= total) {
          return hits;
        }
      }
      return exactSearch(snapshot, query, allowed == null ? collect(searcher, allowedQuery,
          snapshot.reader().maxDoc()) : allowed, depth);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<PassageCandidate> approximate(CollectionSnapshot snapshot, float[] query, int fetch, int depth,
      FixedBitSet allowed) {
    List<VectorHit> found = snapshot.vectors().search(query, fetch, Math.max(params.ef(), fetch));
    List<PassageCandidate> out = new ArrayList<>(Math.min(depth, found.size()));
    for (VectorHit h : found) {
      int doc = snapshot.findPassage(h.passageId());
      if (doc < 0 || (allowed != null && !allowed.get(doc))) {
        continue; // written after this snapshot, deleted, or filtered out
      }
      out.add(new PassageCandidate(doc, PassageKeys.parent(snapshot.reader(), doc), h.similarity(), out.size() + 1));
      if (out.size() == depth) {
        break;
      }
    }
    return out;
  }

  private static FixedBitSet collect(IndexSearcher searcher, Query q, int maxDoc) throws IOException {
    FixedBitSet bits = new FixedBitSet(Math.max(1, maxDoc));
    Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer s = w.scorer(leaf);
      if (s == null) {
        continue;
      }
      DocIdSetIterator it = s.iterator();
      var live = leaf.reader().getLiveDocs();
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        if (live == null || live.get(d)) {
          bits.set(leaf.docBase + d);
        }
      }
    }
    return bits;
  }

  /** Brute force over the allowed passages' vectors stored in Lucene. */
  private static List<PassageCandidate> exactSearch(CollectionSnapshot snapshot, float[] query, FixedBitSet allowed,
      int depth) throws IOException {
    record Scored(int doc, float score) {}
    PriorityQueue<Scored> top = new PriorityQueue<>(depth + 1, (a, b) -> Float.compare(a.score, b.score));
    float[] v = new float[query.length];
    for (LeafReaderContext leaf : snapshot.reader().leaves()) {
      BinaryDocValues vecs = leaf.reader().getBinaryDocValues(IndexFields.VECTOR);
      if (vecs == null) {
        continue;
      }
      int base = leaf.docBase;
      int end = base + leaf.reader().maxDoc();
      for (int g = allowed.nextSetBit(base); g != DocIdSetIterator.NO_MORE_DOCS && g < end;
          g = g + 1 < allowed.length() ? allowed.nextSetBit(g + 1) : DocIdSetIterator.NO_MORE_DOCS) {
        if (!vecs.advanceExact(g - base)) {
          continue;
        }
        BytesRef bytes = vecs.binaryValue();
        FloatBuffer fb = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length)
            .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        fb.get(v);
        float s = VectorUtil.dotProduct(v, query); // SIMD with jdk.incubator.vector
        if (top.size() < depth) {
          top.add(new Scored(g, s));
        } else if (s > top.peek().score) {
          top.poll();
          top.add(new Scored(g, s));
        }
      }
    }
    List<Scored> sorted = new ArrayList<>(top);
    sorted.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
    int[] docs = sorted.stream().mapToInt(Scored::doc).toArray();
    int[] parents = PassageKeys.parents(snapshot.reader(), docs);
    List<PassageCandidate> out = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      out.add(new PassageCandidate(docs[i], parents[i], sorted.get(i).score, i + 1));
    }
    return out;
  }
}
