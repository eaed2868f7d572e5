package dev.trawl.query.group;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.StoredPassage;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.fanout.MultiSearchHit;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.fanout.MultiSearchResult;
import dev.trawl.query.fusion.Fused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Collapses search results to one entry per group ({@code group_by: meeting}: per meeting), each
 * with its best hits.
 *
 * <p>Contract: the fused list is walked best first; a hit joins its group (the value of the
 * grouping field in its metadata) while the group has fewer than {@code perGroup} hits; a new
 * group is opened while there are fewer than {@code k} groups. Groups are ranked by their best
 * hit, hits within a group keep fused order and their ungrouped rank. The walk stops when k
 * groups are full or the list ends, so groups draw on the request's whole candidate depth;
 * stored fields are read only for the hits returned (plus the grouping field of candidates
 * walked). Stateless and thread-safe.
 */
public final class ResultGrouper {
  private final HybridSearcher searcher;

  public ResultGrouper(HybridSearcher searcher) {
    this.searcher = searcher;
  }

  /** Groups one search; {@code request.k()} is the number of groups. */
  public GroupedResult<SearchHit> search(CollectionSnapshot snapshot, SearchRequest request, GroupBy groupBy) {
    float[] vector = request.mode() == SearchMode.LEXICAL || request.query().isBlank()
        ? null : searcher.embedder().embedQuery(request.query());
    HybridSearcher.Retrieved r = searcher.retrieve(snapshot, request, vector);
    List<Fused> fused = r.fused();
    Map<String, List<Integer>> picked = pick(fused.size(), request.k(), groupBy.perGroup(), i -> {
      int doc = HybridSearcher.snippetPassage(r, fused.get(i).key()).luceneDoc();
      return groupKey(snapshot, doc, groupBy.field(), fused.get(i).key());
    });
    Set<String> terms = searcher.queryTerms(request);
    List<HitGroup<SearchHit>> groups = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : picked.entrySet()) {
      List<SearchHit> hits = new ArrayList<>();
      for (int i : e.getValue()) {
        hits.add(searcher.hit(snapshot, request, r, i, terms));
      }
      groups.add(new HitGroup<>(e.getKey(), groups.size() + 1, hits.get(0).score(), hits));
    }
    return new GroupedResult<>(groups, fused.size(), snapshot.version());
  }

  /**
   * Groups a fan-out's fused list; {@code request.k()} is the number of groups. Snippets are
   * packed under the request's token budget in group order, as {@link FanOutSearcher#page} does.
   */
  public GroupedResult<MultiSearchHit> multiSearch(FanOutSearcher fanOutSearcher, CollectionSnapshot snapshot,
      MultiSearchRequest request, GroupBy groupBy) {
    FanOutSearcher.FanOut fanOut = fanOutSearcher.execute(snapshot, request);
    List<FanOutSearcher.Entry> entries = fanOut.entries();
    Map<String, List<Integer>> picked = pick(entries.size(), request.k(), groupBy.perGroup(),
        i -> groupKey(snapshot, entries.get(i).passage().luceneDoc(), groupBy.field(), entries.get(i).docId()));
    List<FanOutSearcher.Entry> ordered = new ArrayList<>();
    picked.values().forEach(list -> list.forEach(i -> ordered.add(entries.get(i))));
    MultiSearchResult page = fanOutSearcher.page(snapshot,
        new FanOutSearcher.FanOut(request, ordered, fanOut.perQuery(), fanOut.snapshotVersion(), fanOut.timedOut()),
        0, ordered.size());
    List<HitGroup<MultiSearchHit>> groups = new ArrayList<>();
    int at = 0;
    for (Map.Entry<String, List<Integer>> e : picked.entrySet()) {
      List<MultiSearchHit> hits = new ArrayList<>();
      for (int i : e.getValue()) {
        MultiSearchHit h = page.results().get(at++);
        // Keep the rank the entry had in the ungrouped fused list.
        hits.add(new MultiSearchHit(h.docId(), h.score(), i + 1, h.title(), h.snippet(), h.passage(), h.metadata(),
            h.matched()));
      }
      groups.add(new HitGroup<>(e.getKey(), groups.size() + 1, hits.get(0).score(), hits));
    }
    return new GroupedResult<>(groups, entries.size(), fanOut.snapshotVersion());
  }

  /** Group key -> fused indexes, in group rank order. */
  static Map<String, List<Integer>> pick(int size, int k, int perGroup, IntFunction<String> keyOf) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    int full = 0;
    for (int i = 0; i < size && full < k; i++) {
      String key = keyOf.apply(i);
      List<Integer> g = groups.get(key);
      if (g == null) {
        if (groups.size() >= k) {
          continue;
        }
        g = new ArrayList<>();
        groups.put(key, g);
      }
      if (g.size() < perGroup) {
        g.add(i);
        if (g.size() == perGroup) {
          full++;
        }
      }
    }
    return groups;
  }

  private static String groupKey(CollectionSnapshot snapshot, int luceneDoc, String field, String docId) {
    try {
      String json = snapshot.searcher().storedFields().document(luceneDoc, Set.of(IndexFields.METADATA_JSON))
          .get(IndexFields.METADATA_JSON);
      Object v = StoredPassage.metadata(json).get(field);
      return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? docId : String.valueOf(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
