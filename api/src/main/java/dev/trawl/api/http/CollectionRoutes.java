package dev.trawl.api.http;

import dev.trawl.api.http.WireTypes.CollectionList;
import dev.trawl.api.http.WireTypes.CreateCollectionBody;
import dev.trawl.api.service.CollectionService;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Collections: create, list, stats, delete. */
final class CollectionRoutes {
  private final CollectionService service;
  private final Replies replies;
  private final ServerConfig config;

  CollectionRoutes(CollectionService service, Replies replies, ServerConfig config) {
    this.service = service;
    this.replies = replies;
    this.config = config;
  }

  void list(RoutingContext ctx) {
    replies.blocking(ctx, config.defaultTimeoutMs(), service::list,
        (l, ms) -> new CollectionList(l.stream().map(ResponseMapping::collection).toList()), 200);
  }

  void create(RoutingContext ctx) {
    CreateCollectionBody body = WireJson.read(ctx.body().buffer(), CreateCollectionBody.class);
    if (body.name() == null) {
      throw new WireJson.BadRequest("missing_field", "missing field 'name', e.g. {\"name\": \"notes\"}");
    }
    replies.blocking(ctx, config.defaultTimeoutMs(), () -> service.create(body.name()),
        (s, ms) -> ResponseMapping.collection(s), 201);
  }

  void stats(RoutingContext ctx) {
    String name = ctx.pathParam("c");
    replies.blocking(ctx, config.defaultTimeoutMs(), () -> service.stats(name),
        (s, ms) -> ResponseMapping.collection(s), 200);
  }

  void delete(RoutingContext ctx) {
    String name = ctx.pathParam("c");
    replies.blocking(ctx, DocumentRoutes.WRITE_DEADLINE_MS, () -> {
      service.delete(name);
      return name;
    }, (n, ms) -> Map.of("name", n, "deleted", true), 200);
  }
}
