package dev.trawl.api.http;

import dev.trawl.api.http.WireTypes.MultiSearchBody;
import dev.trawl.api.http.WireTypes.SearchBody;
import dev.trawl.api.service.Caller;
import dev.trawl.api.service.SearchService;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.group.GroupBy;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/** {@code search} and {@code multi_search}, plain or grouped ({@code group_by}): parse, call {@link SearchService}, map. */
final class SearchRoutes {
  /** How long after a fan-out's own deadline the HTTP layer gives up on it (embedding can't be cut short). */
  static final long FAN_OUT_GRACE_MS = 1000;

  private final SearchService service;
  private final Replies replies;
  private final ServerConfig config;

  SearchRoutes(SearchService service, Replies replies, ServerConfig config) {
    this.service = service;
    this.replies = replies;
    this.config = config;
  }

  void search(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    SearchBody body = WireJson.read(ctx.body().buffer(), SearchBody.class);
    RequestMapping.cursorAlone(body.cursor(), "query", body.query(), "mode", body.mode(), "filters",
        body.filters(), "snippet", body.snippet(), "rerank", body.rerank(), "explain", body.explain(), "group_by",
        body.groupBy(), "per_group", body.perGroup());
    GroupBy groupBy = RequestMapping.groupBy(body.groupBy(), body.perGroup(), body.cursor());
    Caller caller = Replies.caller(ctx);
    int timeout = RequestMapping.timeoutMs(body.timeoutMs(), config.defaultTimeoutMs());
    if (body.cursor() != null) {
      int k = body.k() == null ? 0 : RequestMapping.range(RequestMapping.K, body.k());
      if (SearchService.pagesGroups(body.cursor())) {
        replies.blocking(ctx, timeout, () -> service.searchGroupedPage(collection, body.cursor(), k, caller),
            ResponseMapping::groupedSearch, 200);
      } else {
        replies.blocking(ctx, timeout, () -> service.searchPage(collection, body.cursor(), k, caller),
            ResponseMapping::search, 200);
      }
      return;
    }
    SearchRequest request = RequestMapping.search(body);
    if (groupBy != null) {
      replies.blocking(ctx, timeout, () -> service.searchGrouped(collection, request, groupBy, caller),
          ResponseMapping::groupedSearch, 200);
      return;
    }
    replies.blocking(ctx, timeout, () -> service.search(collection, request, caller), ResponseMapping::search, 200);
  }

  void multiSearch(RoutingContext ctx) {
    String collection = ctx.pathParam("c");
    MultiSearchBody body = WireJson.read(ctx.body().buffer(), MultiSearchBody.class);
    RequestMapping.cursorAlone(body.cursor(), "queries", body.queries(), "per_query_k", body.perQueryK(),
        "dedupe", body.dedupe(), "token_budget", body.tokenBudget(), "mode", body.mode(), "filters", body.filters(),
        "snippet", body.snippet(), "rerank", body.rerank(), "group_by", body.groupBy(), "per_group",
        body.perGroup());
    GroupBy groupBy = RequestMapping.groupBy(body.groupBy(), body.perGroup(), body.cursor());
    Caller caller = Replies.caller(ctx);
    int timeout = RequestMapping.timeoutMs(body.timeoutMs(), config.defaultTimeoutMs());
    if (body.cursor() != null) {
      int k = body.k() == null ? 0 : RequestMapping.range(RequestMapping.K, body.k());
      if (SearchService.pagesGroups(body.cursor())) {
        replies.blocking(ctx, timeout, () -> service.multiSearchGroupedPage(collection, body.cursor(), k, caller),
            ResponseMapping::groupedMultiSearch, 200);
      } else {
        replies.blocking(ctx, timeout, () -> service.multiSearchPage(collection, body.cursor(), k, caller),
            ResponseMapping::multiSearch, 200);
      }
      return;
    }
    MultiSearchRequest request = RequestMapping.multiSearch(body);
    if (groupBy != null) {
      replies.blocking(ctx, timeout + FAN_OUT_GRACE_MS,
          () -> service.multiSearchGrouped(collection, request, groupBy, caller), ResponseMapping::groupedMultiSearch,
          200);
      return;
    }
    long start = ctx.get(Replies.START);
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeout);
    replies.blocking(ctx, timeout + FAN_OUT_GRACE_MS,
        () -> service.multiSearch(collection, request, caller, deadline), ResponseMapping::multiSearch, 200);
  }
}
