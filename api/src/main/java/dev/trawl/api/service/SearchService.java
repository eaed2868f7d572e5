package dev.trawl.api.service;

import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.fanout.MultiSearchHit;
import dev.trawl.query.fanout.MultiSearchResult;
import dev.trawl.query.filter.FilterDiagnosis;
import dev.trawl.query.group.GroupBy;
import dev.trawl.query.group.GroupDiagnosis;
import dev.trawl.query.group.GroupedResult;
import dev.trawl.query.group.ResultGrouper;
import dev.trawl.query.rerank.Reranking;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Single and fan-out searches over one collection, with cursors for exhaustive paging, or
 * collapsed to groups ({@code group_by}, e.g. one entry per meeting). Every
 * request is answered from one snapshot; a response that has more results carries a cursor
 * that pins that snapshot and the full result list, so the next pages come from the same index
 * state. Caller visibility is applied to every search (and checked again on every page). A
 * service built {@link #withoutCursors without cursors} answers first pages only, none with a
 * cursor: for a process that answers one request and exits (the command line).
 *
 * <p>Blocking: call from a worker thread, never an event loop. Thread-safe.
 */
public final class SearchService {
  private final Catalog catalog;
  private final HybridSearcher searcher;
  private final FanOutSearcher fanOut;
  private final CursorStore cursors;
  private final ResultGrouper grouper;

  /** @param cursors where first pages open their cursors; null for a service {@link #withoutCursors without} */
  public SearchService(Catalog catalog, HybridSearcher searcher, FanOutSearcher fanOut, CursorStore cursors) {
    this.catalog = catalog;
    this.searcher = searcher;
    this.fanOut = fanOut;
    this.cursors = cursors;
    this.grouper = new ResultGrouper(searcher);
  }

  /**
   * A service that answers first pages only: a response that has more results carries no cursor
   * (its {@code total} still counts them), and nothing keeps a snapshot open after a call returns.
   * The {@code *Page} methods, which resume a cursor, throw {@link IllegalStateException}.
   */
  public static SearchService withoutCursors(Catalog catalog, HybridSearcher searcher, FanOutSearcher fanOut) {
    return new SearchService(catalog, searcher, fanOut, null);
  }

  /**
   * A page of a single search.
   *
   * @param hits this page, ranks continuing across pages
   * @param total documents in the whole fused list
   * @param offset index of the first hit in the fused list
   * @param cursor token of the next page, or null when this is the last
   * @param notices why an empty result is empty, when its filter is the cause ({@link FilterDiagnosis})
   * @param reranker tag of the model that ordered the list ({@link Reranking#tag()}), or null for fused order
   */
  public record SearchPage(List<SearchHit> hits, int total, int offset, String cursor, long snapshotVersion,
      List<String> notices, String reranker) {}

  /**
   * A page of a fan-out.
   *
   * @param timedOut indices of queries that missed the deadline (the page is partial when non-empty)
   * @param notices why an empty result is empty, when filters are the cause ({@link FilterDiagnosis})
   */
  public record MultiSearchPage(MultiSearchResult result, String cursor, List<Integer> timedOut,
      List<String> notices) {
    public boolean partial() {
      return !timedOut.isEmpty();
    }
  }

  /** A search's list as its pages are cut from: reranked (or fused) order, and features when explained. */
  private record SearchState(SearchRequest request, Reranking ranked) {}

  /**
   * Runs {@code request} on {@code collection} as {@code caller}; returns the first page of k hits,
   * reranked by the collection's model unless the request turns reranking off (as {@link
   * HybridSearcher#search} does).
   */
  public SearchPage search(String collection, SearchRequest request, Caller caller) {
    SearchRequest r = request.withFilter(caller.restrict(request.filter()));
    return firstPage(collection, caller, p -> {
      float[] vector = r.mode() == SearchMode.LEXICAL || r.query().isBlank()
          ? null : searcher.embedder().embedQuery(r.query());
      Reranking ranked = searcher.rerank(p.snapshot, r, vector, searcher.retrieve(p.snapshot, r, vector), null);
      List<SearchHit> hits = searcher.hydrate(p.snapshot, r, ranked.retrieved(), 0, r.k(), ranked.features());
      int total = ranked.retrieved().fused().size();
      List<String> notices = total == 0 ? FilterDiagnosis.explain(p.snapshot.searcher(), r.filter()) : List.of();
      String cursor = p.cursor(hits.size() < total, CursorStore.Kind.SEARCH, new SearchState(r, ranked), r.k(),
          hits.size());
      return new SearchPage(hits, total, 0, cursor, p.snapshot.version(), notices, ranked.tag());
    });
  }

  /**
   * A first page computed on a new snapshot of {@code collection}: {@code page} may hand the
   * snapshot over to a cursor ({@link FirstPage#cursor}); otherwise it is closed here.
   */
  private <T> T firstPage(String collection, Caller caller, Function<FirstPage, T> page) {
    FirstPage p = new FirstPage(catalog.get(collection).snapshot(), caller);
    try {
      return page.apply(p);
    } finally {
      if (!p.handedOver) {
        p.snapshot.close();
      }
    }
  }

  /** The snapshot a first page is computed on, and the one way to keep it open: a cursor. */
  private final class FirstPage {
    final CollectionSnapshot snapshot;
    private final Caller caller;
    private boolean handedOver;

    FirstPage(CollectionSnapshot snapshot, Caller caller) {
      this.snapshot = snapshot;
      this.caller = caller;
    }

    /**
     * Null when there is no {@code more} or the service has no cursors; otherwise opens a cursor over this snapshot (which then
     * owns it) and returns the token of the page at {@code nextOffset}.
     */
    String cursor(boolean more, CursorStore.Kind kind, Object state, int pageSize, int nextOffset) {
      if (!more || cursors == null) {
        return null;
      }
      String token = cursors.open(kind, snapshot, state, caller, pageSize, nextOffset);
      handedOver = true;
      return token;
    }
  }

  /** The page a search cursor points at; {@code k} overrides the page size when positive. */
  public SearchPage searchPage(String collection, String cursor, int k, Caller caller) {
    try (CursorStore.Lease lease = resume(cursor, CursorStore.Kind.SEARCH, collection, caller)) {
      SearchState state = (SearchState) lease.state();
      int size = k > 0 ? k : lease.pageSize();
      HybridSearcher.Retrieved ranked = state.ranked().retrieved();
      List<SearchHit> hits = searcher.hydrate(lease.snapshot(), state.request(), ranked, lease.offset(), size,
          state.ranked().features());
      int total = ranked.fused().size();
      int next = lease.offset() + hits.size();
      String token = lease.next(next, next < total);
      return new SearchPage(hits, total, lease.offset(), token, lease.snapshot().version(), List.of(),
          state.ranked().tag());
    }
  }

  private CursorStore.Lease resume(String cursor, CursorStore.Kind kind, String collection, Caller caller) {
    if (cursors == null) {
      throw new IllegalStateException("this search service answers first pages only; it has no cursors");
    }
    return cursors.resume(cursor, kind, collection, caller);
  }

  /**
   * Runs a fan-out on {@code collection} as {@code caller}, waiting for sub-queries until
   * {@code deadlineNanos} ({@link System#nanoTime()}; {@link Long#MAX_VALUE} for none).
   *
   * @throws ServiceException.DeadlineExceeded if no query finished in time
   */
  public MultiSearchPage multiSearch(String collection, MultiSearchRequest request, Caller caller,
      long deadlineNanos) {
    MultiSearchRequest r = request.withFilter(caller.restrict(request.filter()));
    return firstPage(collection, caller, p -> {
      FanOutSearcher.FanOut result = fanOut.execute(p.snapshot, r, deadlineNanos);
      if (result.timedOut().size() == r.queries().size()) {
        throw new ServiceException.DeadlineExceeded("none of the " + r.queries().size()
            + " queries finished before the deadline; raise timeout_ms or send fewer queries");
      }
      MultiSearchResult page = fanOut.page(p.snapshot, result, 0, r.k());
      List<String> notices = page.total() == 0 ? filterNotices(p.snapshot, r) : List.of();
      String cursor = p.cursor(page.hasMore(), CursorStore.Kind.MULTI_SEARCH, result, r.k(), page.results().size());
      return new MultiSearchPage(page, cursor, result.timedOut(), notices);
    });
  }

  /**
   * Why an empty fan-out is empty, filter by filter: each query's own filters with the request's
   * (the filter it ran with), prefixed with the query's index when queries differ; no repeats.
   */
  private static List<String> filterNotices(CollectionSnapshot snapshot, MultiSearchRequest r) {
    LinkedHashSet<String> notices = new LinkedHashSet<>();
    boolean sameFilters = r.queries().stream().allMatch(q -> q.filter().equals(r.queries().get(0).filter()));
    for (int i = 0; i < r.queries().size(); i++) {
      String prefix = sameFilters ? "" : "query " + i + ": ";
      for (String n : FilterDiagnosis.explain(snapshot.searcher(), r.queries().get(i).filter().and(r.filter()))) {
        notices.add(prefix + n);
      }
      if (sameFilters) {
        break;
      }
    }
    return List.copyOf(notices);
  }

  /** The page a multi_search cursor points at; {@code k} overrides the page size when positive. */
  public MultiSearchPage multiSearchPage(String collection, String cursor, int k, Caller caller) {
    try (CursorStore.Lease lease = resume(cursor, CursorStore.Kind.MULTI_SEARCH, collection, caller)) {
      FanOutSearcher.FanOut state = (FanOutSearcher.FanOut) lease.state();
      int size = k > 0 ? k : lease.pageSize();
      MultiSearchResult page = fanOut.page(lease.snapshot(), state, lease.offset(), size);
      String token = lease.next(lease.offset() + page.results().size(), page.hasMore());
      return new MultiSearchPage(page, token, state.timedOut(), List.of());
    }
  }

  /**
   * A page of a grouped result.
   *
   * @param cursor token of the next page of groups, or null when this is the last
   * @param notices on a first page: why an empty result is empty, when filters are the cause ({@link
   *     FilterDiagnosis}), and why hits did not group, when none has the group_by field ({@link GroupDiagnosis})
   */
  public record GroupedPage<H>(GroupedResult<H> result, String cursor, List<String> notices) {}

  private record GroupedSearchState(SearchRequest request, HybridSearcher.Retrieved retrieved,
      ResultGrouper.GroupKeys keys) {}

  private record GroupedFanOutState(FanOutSearcher.FanOut fanOut, ResultGrouper.GroupKeys keys) {}

  /**
   * A search collapsed to groups ({@code group_by}), as {@code caller}; {@code request.k()}
   * counts groups. The first page; its cursor pages on through the same candidates and snapshot.
   */
  public GroupedPage<SearchHit> searchGrouped(String collection, SearchRequest request, GroupBy groupBy,
      Caller caller) {
    SearchRequest r = request.withFilter(caller.restrict(request.filter()));
    return firstPage(collection, caller, p -> {
      HybridSearcher.Retrieved retrieved = grouper.retrieve(p.snapshot, r);
      ResultGrouper.GroupKeys keys = grouper.keys(p.snapshot, retrieved, groupBy);
      GroupedResult<SearchHit> result = grouper.page(p.snapshot, r, retrieved, keys, 0, r.k());
      List<String> notices = groupNotices(p.snapshot, r.filter().principals(), keys, result,
          result.groups().isEmpty() ? FilterDiagnosis.explain(p.snapshot.searcher(), r.filter()) : List.of());
      String cursor = p.cursor(result.hasMore(), CursorStore.Kind.GROUPED_SEARCH,
          new GroupedSearchState(r, retrieved, keys), r.k(), result.groups().size());
      return new GroupedPage<>(result, cursor, notices);
    });
  }

  /**
   * A grouped first page's notices: {@code filterNotices}, then why its hits did not group
   * ({@link GroupDiagnosis}).
   */
  private static List<String> groupNotices(CollectionSnapshot snapshot, Set<String> principals,
      ResultGrouper.GroupKeys keys, GroupedResult<?> page, List<String> filterNotices) {
    List<String> notices = new ArrayList<>(filterNotices);
    notices.addAll(GroupDiagnosis.explain(snapshot.searcher(), principals, keys, page));
    return List.copyOf(notices);
  }

  /** The page of groups a grouped search cursor points at; {@code k} overrides the page size when positive. */
  public GroupedPage<SearchHit> searchGroupedPage(String collection, String cursor, int k, Caller caller) {
    try (CursorStore.Lease lease = resume(cursor, CursorStore.Kind.GROUPED_SEARCH, collection, caller)) {
      GroupedSearchState state = (GroupedSearchState) lease.state();
      int size = k > 0 ? k : lease.pageSize();
      GroupedResult<SearchHit> result = grouper.page(lease.snapshot(), state.request(), state.retrieved(),
          state.keys(), lease.offset(), size);
      return new GroupedPage<>(result, lease.next(lease.offset() + result.groups().size(), result.hasMore()),
          List.of());
    }
  }

  /** A fan-out collapsed to groups, as {@code caller}; {@code request.k()} counts groups. The first page. */
  public GroupedPage<MultiSearchHit> multiSearchGrouped(String collection, MultiSearchRequest request,
      GroupBy groupBy, Caller caller) {
    MultiSearchRequest r = request.withFilter(caller.restrict(request.filter()));
    return firstPage(collection, caller, p -> {
      FanOutSearcher.FanOut result = fanOut.execute(p.snapshot, r);
      ResultGrouper.GroupKeys keys = grouper.keys(p.snapshot, result, groupBy);
      GroupedResult<MultiSearchHit> page = grouper.page(fanOut, p.snapshot, result, keys, 0, r.k());
      List<String> notices = groupNotices(p.snapshot, r.filter().principals(), keys, page,
          page.groups().isEmpty() ? filterNotices(p.snapshot, r) : List.of());
      String cursor = p.cursor(page.hasMore(), CursorStore.Kind.GROUPED_MULTI_SEARCH,
          new GroupedFanOutState(result, keys), r.k(), page.groups().size());
      return new GroupedPage<>(page, cursor, notices);
    });
  }

  /** The page of groups a grouped multi_search cursor points at; {@code k} overrides the page size when positive. */
  public GroupedPage<MultiSearchHit> multiSearchGroupedPage(String collection, String cursor, int k, Caller caller) {
    try (CursorStore.Lease lease = resume(cursor, CursorStore.Kind.GROUPED_MULTI_SEARCH, collection,
        caller)) {
      GroupedFanOutState state = (GroupedFanOutState) lease.state();
      int size = k > 0 ? k : lease.pageSize();
      GroupedResult<MultiSearchHit> page = grouper.page(fanOut, lease.snapshot(), state.fanOut(), state.keys(),
          lease.offset(), size);
      return new GroupedPage<>(page, lease.next(lease.offset() + page.groups().size(), page.hasMore()), List.of());
    }
  }

  /**
   * Whether {@code cursor} pages groups (it came from a {@code group_by} request).
   *
   * @throws ServiceException.InvalidCursor if the token is malformed
   */
  public static boolean pagesGroups(String cursor) {
    CursorStore.Kind kind = CursorStore.kindOf(cursor);
    return kind == CursorStore.Kind.GROUPED_SEARCH || kind == CursorStore.Kind.GROUPED_MULTI_SEARCH;
  }

  /** The cursor store, or null for a service {@link #withoutCursors without cursors}. */
  public CursorStore cursors() {
    return cursors;
  }
}
