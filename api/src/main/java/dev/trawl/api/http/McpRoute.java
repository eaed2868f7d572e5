package dev.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.mcp.McpServer;
import dev.trawl.api.service.Caller;
import dev.trawl.api.service.ServiceException;
import dev.trawl.indexer.source.JsonMessages;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/**
 * {@code POST /mcp}, the Streamable HTTP transport of MCP without server-sent events: each
 * POST carries one JSON-RPC message; a request is answered with one {@code application/json}
 * response, a notification with 202 and no body. There is no GET stream (405) and no session.
 */
final class McpRoute {
  private final McpServer server;
  private final BlockingWork work;

  McpRoute(McpServer server, BlockingWork work) {
    this.server = server;
    this.work = work;
  }

  void post(RoutingContext ctx) {
    String version = ctx.request().getHeader("MCP-Protocol-Version");
    if (version != null && !McpServer.PROTOCOL_VERSIONS.contains(version)) {
      rpc(ctx, 400, McpServer.error(null, -32600, "unsupported MCP-Protocol-Version " + version + "; supported: "
          + String.join(", ", McpServer.PROTOCOL_VERSIONS)));
      return;
    }
    JsonNode message;
    try {
      var body = ctx.body().buffer();
      message = body == null ? null : WireJson.MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      rpc(ctx, 400, McpServer.parseError("not valid JSON: "
          + JsonMessages.withoutSource(e.getMessage().lines().findFirst().orElse(""))));
      return;
    }
    if (message == null || !message.isObject()) {
      rpc(ctx, 400, McpServer.error(null, -32600, "send one JSON-RPC 2.0 message object per POST (no batches)"));
      return;
    }
    if (McpServer.isNotification(message)) {
      ctx.response().setStatusCode(202).end();
      return;
    }
    Caller caller = Replies.caller(ctx);
    work.submit(() -> server.handle(message, caller)).onComplete(ar -> {
      if (ar.succeeded()) {
        rpc(ctx, 200, ar.result());
      } else if (ar.cause() instanceof ServiceException.Overloaded o) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(o.retryAfterSeconds()));
        rpc(ctx, 429, McpServer.error(message.get("id"), -32000, o.getMessage()));
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private static void rpc(RoutingContext ctx, int status, JsonNode body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toString());
  }
}
