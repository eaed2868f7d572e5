package dev.trawl.api.http;

import dev.trawl.api.service.Caller;
import dev.trawl.api.service.ServiceException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * What every handler does after parsing: run one service call on the worker pool under a
 * deadline, then write its mapped result as JSON. Failures go to the router's failure handler
 * ({@link FailureHandler}); a deadline that passes first answers 504 and drops the late result.
 */
final class Replies {
  static final String START = "trawl.start";
  static final String ROUTE = "trawl.route";
  static final String PRINCIPALS_HEADER = "X-Trawl-Principals";
  /** The request's {@link ApiKeys.Entry}, when the server has keys configured. */
  static final String API_KEY = "trawl.apiKey";

  private final Vertx vertx;
  private final BlockingWork work;

  Replies(Vertx vertx, BlockingWork work) {
    this.vertx = vertx;
    this.work = work;
  }

  /**
   * Runs {@code call} on a worker; writes {@code map(result, tookMs)} with {@code status}, or
   * fails the request with 504 if nothing came back within {@code deadlineMs} of its arrival.
   */
  <T> void blocking(RoutingContext ctx, long deadlineMs, Callable<T> call, BiFunction<T, Double, Object> map,
      int status) {
    long remaining = Math.max(1, deadlineMs - (long) tookMs(ctx));
    long timer = vertx.setTimer(remaining, id -> {
      if (!ctx.response().ended() && !ctx.failed()) {
        ctx.fail(new ServiceException.DeadlineExceeded("the request did not finish within " + deadlineMs
            + " ms; raise timeout_ms, lower k, or retry when the server is less busy"));
      }
    });
    work.submit(call).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ctx.response().ended() || ctx.failed()) {
        return;
      }
      if (ar.succeeded()) {
        json(ctx, status, map.apply(ar.result(), tookMs(ctx)));
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(WireJson.write(body));
  }

  static double tookMs(RoutingContext ctx) {
    Long start = ctx.get(START);
    return start == null ? 0 : (System.nanoTime() - start) / 1e6;
  }

  /**
   * The caller's visibility. Without API keys: {@code X-Trawl-Principals}, or unrestricted
   * without the header. With a key: the key's principals; {@code X-Trawl-Principals} can only
   * narrow them (the intersection; a principal the key lacks is dropped, public documents stay
   * visible), except that an unrestricted key may act for any principals it names (a gateway
   * acting for its end users).
   */
  static Caller caller(RoutingContext ctx) {
    java.util.Set<String> asked = RequestMapping.principals(ctx.request().getHeader(PRINCIPALS_HEADER));
    ApiKeys.Entry key = ctx.get(API_KEY);
    if (key == null) {
      return new Caller(asked);
    }
    if (asked == null) {
      return key.caller();
    }
    if (key.unrestricted()) {
      return new Caller(asked);
    }
    java.util.Set<String> narrowed = new java.util.LinkedHashSet<>(asked);
    narrowed.retainAll(key.caller().principals());
    return new Caller(narrowed);
  }
}
