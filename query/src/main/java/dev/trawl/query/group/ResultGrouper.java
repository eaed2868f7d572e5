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

  /**
   * The group key of each candidate of one list, read from stored fields at most once. Every page of
   * a grouped cursor walks the list from its start again; a cursor keeps this between its pages so
   * that the walk reads no stored field twice. Thread-safe: racy but benign, every thread stores
   * the same string for a position.
   */
  public static final class GroupKeys {
    private final GroupBy groupBy;
    private final String[] keys;
    private final IntFunction<String> value;
    private final IntFunction<String> docId;
    private volatile boolean anyValue;

    /**
     * @param value a candidate's value of the grouping field, or null when it has none
     * @param docId a candidate's document id: the key of a candidate without a value
     */
    private GroupKeys(GroupBy groupBy, int size, IntFunction<String> value, IntFunction<String> docId) {
      this.groupBy = groupBy;
      this.keys = new String[size];
      this.value = value;
      this.docId = docId;
    }

    public GroupBy groupBy() {
      return groupBy;
    }

    /**
     * Whether a candidate whose key was read so far (every hit of the pages grouped so far, and
     * the candidates walked past them) has a value of the grouping field. False means each of
     * those hits is a group of its own ({@link GroupDiagnosis} says why).
     */
    public boolean anyValue() {
      return anyValue;
    }

    String get(int i) {
      String key = keys[i];
      if (key == null) {
        key = value.apply(i);
        if (key == null) {
          key = docId.apply(i);
        } else {
          anyValue = true;
        }
        keys[i] = key;
      }
      return key;
    }
  }

  /** Groups one search; {@code request.k()} is the number of groups. The first page. */
  public GroupedResult<SearchHit> search(CollectionSnapshot snapshot, SearchRequest request, GroupBy groupBy) {
    HybridSearcher.Retrieved r = retrieve(snapshot, request);
    return page(snapshot, request, r, keys(snapshot, r, groupBy), 0, request.k());
  }

  /** The group keys of a search's candidates, {@code r} retrieved from {@code snapshot}. */
  public GroupKeys keys(CollectionSnapshot snapshot, HybridSearcher.Retrieved r, GroupBy groupBy) {
    List<Fused> fused = r.fused();
    return new GroupKeys(groupBy, fused.size(), i -> {
      int doc = HybridSearcher.snippetPassage(r, fused.get(i).key()).luceneDoc();
      return groupValue(snapshot, doc, groupBy.field());
    }, i -> fused.get(i).key());
  }

  /** The group keys of a fan-out's fused entries, {@code fanOut} run on {@code snapshot}. */
  public GroupKeys keys(CollectionSnapshot snapshot, FanOutSearcher.FanOut fanOut, GroupBy groupBy) {
    List<FanOutSearcher.Entry> entries = fanOut.entries();
    return new GroupKeys(groupBy, entries.size(),
        i -> groupValue(snapshot, entries.get(i).passage().luceneDoc(), groupBy.field()),
        i -> entries.get(i).docId());
  }

  /** The candidates a grouped search walks: the request's retrieval, its query embedded here. */
  public HybridSearcher.Retrieved retrieve(CollectionSnapshot snapshot, SearchRequest request) {
    float[] vector = request.mode() == SearchMode.LEXICAL || request.query().isBlank()
        ? null : searcher.embedder().embedQuery(request.query());
    return searcher.retrieve(snapshot, request, vector);
  }

  /**
   * Groups {@code offset + 1} to {@code offset + k} of {@code r}'s candidates (retrieved from
   * {@code snapshot} for {@code request}; {@code keys} from {@link #keys} for the same list). Pages of one retrieval never repeat or skip a group: a
   * group's rank is the position of its best hit's first appearance, which a longer walk does not
   * change.
   */
  public GroupedResult<SearchHit> page(CollectionSnapshot snapshot, SearchRequest request, HybridSearcher.Retrieved r,
      GroupKeys keys, int offset, int k) {
    List<Fused> fused = r.fused();
    Picked picked = pick(fused.size(), offset, k, keys.groupBy().perGroup(), keys::get);
    Set<String> terms = searcher.queryTerms(request);
    List<HitGroup<SearchHit>> groups = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : picked.groups().entrySet()) {
      List<SearchHit> hits = new ArrayList<>();
      for (int i : e.getValue()) {
        hits.add(searcher.hit(snapshot, request, r, i, terms));
      }
      groups.add(new HitGroup<>(e.getKey(), offset + groups.size() + 1, hits.get(0).score(), hits));
    }
    return new GroupedResult<>(groups, fused.size(), snapshot.version(), offset, picked.hasMore());
  }

  /**
   * Groups a fan-out's fused list; {@code request.k()} is the number of groups. Snippets are
   * packed under the request's token budget in group order, as {@link FanOutSearcher#page} does.
   * The first page.
   */
  public GroupedResult<MultiSearchHit> multiSearch(FanOutSearcher fanOutSearcher, CollectionSnapshot snapshot,
      MultiSearchRequest request, GroupBy groupBy) {
    FanOutSearcher.FanOut fanOut = fanOutSearcher.execute(snapshot, request);
    return page(fanOutSearcher, snapshot, fanOut, keys(snapshot, fanOut, groupBy), 0, request.k());
  }

  /** Groups {@code offset + 1} to {@code offset + k} of a fan-out's fused list, as {@link #page} does for a search. */
  public GroupedResult<MultiSearchHit> page(FanOutSearcher fanOutSearcher, CollectionSnapshot snapshot,
      FanOutSearcher.FanOut fanOut, GroupKeys keys, int offset, int k) {
    List<FanOutSearcher.Entry> entries = fanOut.entries();
    Picked picked = pick(entries.size(), offset, k, keys.groupBy().perGroup(), keys::get);
    List<FanOutSearcher.Entry> ordered = new ArrayList<>();
    picked.groups().values().forEach(list -> list.forEach(i -> ordered.add(entries.get(i))));
    MultiSearchResult page = fanOutSearcher.page(snapshot, new FanOutSearcher.FanOut(fanOut.request(), ordered,
        fanOut.perQuery(), fanOut.snapshotVersion(), fanOut.timedOut()), 0, ordered.size());
    List<HitGroup<MultiSearchHit>> groups = new ArrayList<>();
    int at = 0;
    for (Map.Entry<String, List<Integer>> e : picked.groups().entrySet()) {
      List<MultiSearchHit> hits = new ArrayList<>();
      for (int i : e.getValue()) {
        MultiSearchHit h = page.results().get(at++);
        // Keep the rank the entry had in the ungrouped fused list.
        hits.add(new MultiSearchHit(h.docId(), h.score(), i + 1, h.title(), h.snippet(), h.passage(), h.metadata(),
            h.matched()));
      }
      groups.add(new HitGroup<>(e.getKey(), offset + groups.size() + 1, hits.get(0).score(), hits));
    }
    return new GroupedResult<>(groups, entries.size(), fanOut.snapshotVersion(), offset, picked.hasMore());
  }

  /**
   * Groups {@code offset + 1} to {@code offset + k}, in rank order, and whether any group follows.
   *
   * @param groups group key -> fused indexes, best first
   */
  record Picked(Map<String, List<Integer>> groups, boolean hasMore) {}

  /**
   * The walk of the class contract over the first {@code offset + k} groups, keeping the last
   * {@code k}; when it stops early (those groups are full) it reads on only until it meets a key
   * of a later group, to say whether there is one.
   */
  static Picked pick(int size, int offset, int k, int perGroup, IntFunction<String> keyOf) {
    int wanted = offset + k;
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    int full = 0;
    boolean more = false;
    int i = 0;
    for (; i < size && full < wanted; i++) {
      String key = keyOf.apply(i);
      List<Integer> g = groups.get(key);
      if (g == null) {
        if (groups.size() >= wanted) {
          more = true;
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
    for (; i < size && !more; i++) {
      more = !groups.containsKey(keyOf.apply(i));
    }
    Map<String, List<Integer>> page = new LinkedHashMap<>();
    int rank = 0;
    for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
      if (rank++ >= offset) {
        page.put(e.getKey(), e.getValue());
      }
    }
    return new Picked(page, more);
  }

  /** A passage's single value of metadata {@code field}, or null when it has none (or a list or object). */
  private static String groupValue(CollectionSnapshot snapshot, int luceneDoc, String field) {
    try {
      String json = snapshot.searcher().storedFields().document(luceneDoc, Set.of(IndexFields.METADATA_JSON))
          .get(IndexFields.METADATA_JSON);
      Object v = StoredPassage.metadata(json).get(field);
      return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? null : String.valueOf(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
