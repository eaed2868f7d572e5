package dev.trawl.api.http;

import dev.trawl.api.http.WireTypes.Status;
import dev.trawl.api.service.CollectionService;
import dev.trawl.api.service.CursorStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/** Health, readiness, metrics and the OpenAPI document. */
final class OpsRoutes {
  static final String OPENAPI_RESOURCE = "/dev/trawl/api/http/openapi.json";

  private final ApiMetrics metrics;
  private final BlockingWork work;
  private final CursorStore cursors;
  private final CollectionService collections;
  private final Replies replies;
  private final BooleanSupplier ready;
  private final Buffer openApi;

  OpsRoutes(ApiMetrics metrics, BlockingWork work, CursorStore cursors, CollectionService collections,
      Replies replies, BooleanSupplier ready) {
    this.metrics = metrics;
    this.work = work;
    this.cursors = cursors;
    this.collections = collections;
    this.replies = replies;
    this.ready = ready;
    this.openApi = Buffer.buffer(openApiBytes());
  }

  static byte[] openApiBytes() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The process is up and its event loop answers. */
  void health(RoutingContext ctx) {
    Replies.json(ctx, 200, new Status("ok"));
  }

  /** Ready to serve: started and not shutting down (503 otherwise, so a balancer drains it). */
  void ready(RoutingContext ctx) {
    if (ready.getAsBoolean()) {
      Replies.json(ctx, 200, new Status("ready"));
    } else {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
      Replies.json(ctx, 503, new Status("shutting_down"));
    }
  }

  /** Prometheus text; collection sizes are read on a worker (they walk the folders). */
  void metrics(RoutingContext ctx) {
    int busy = work.running();
    int queued = work.queued();
    work.submit(collections::list).onComplete(ar -> {
      var stats = ar.succeeded() ? ar.result() : java.util.List.<dev.trawl.indexer.collection.CollectionStats>of();
      String text = metrics.scrape(new ApiMetrics.Gauges(busy, queued, work.maxInFlight(), work.rejected(),
          cursors.size(), stats));
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(text);
    });
  }

  void openApi(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(openApi);
  }
}
