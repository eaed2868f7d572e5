package dev.trawl.api.http;

import dev.trawl.api.service.ServiceException;
import dev.trawl.indexer.collection.IncompatibleCollectionException;
import dev.trawl.ranker.model.IncompatibleModelException;
import dev.trawl.indexer.collection.NoSuchCollectionException;
import dev.trawl.indexer.source.MalformedInputException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The one place errors become responses: {@code {"error": {code, message, details}}} with the
 * status that fits. Unexpected exceptions are logged with an id and answered 500 with that id
 * only; a stack trace never reaches a response.
 */
final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = Logger.getLogger(FailureHandler.class.getName());

  record Mapped(int status, String code, String message, Map<String, Object> details) {}

  private final java.util.function.Supplier<java.util.List<String>> routeNames;
  private final long bodyLimitBytes;

  /**
   * @param routeNames the router's route names ({@code METHOD /path/{param}}), for 405's Allow header
   * @param bodyLimitBytes the largest body the server accepts, named in 413's message
   */
  FailureHandler(java.util.function.Supplier<java.util.List<String>> routeNames, long bodyLimitBytes) {
    this.routeNames = routeNames;
    this.bodyLimitBytes = bodyLimitBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    Mapped m = map(ctx.failure(), ctx.statusCode(), ctx);
    var response = ctx.response();
    if (ctx.failure() instanceof ServiceException.Overloaded o) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(o.retryAfterSeconds()));
    }
    if (m.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (m.status() == 405) {
      response.putHeader(HttpHeaders.ALLOW, allowed(ctx));
    }
    if (m.status() == 413 || m.status() >= 500) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.setStatusCode(m.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(WireJson.write(WireJson.ErrorBody.of(m.code(), m.message(), m.details())));
  }

  /** A likely mistake behind a 404, as "; advice", or "". */
  private static String hint(RoutingContext ctx) {
    if (ctx == null) {
      return "";
    }
    String path = ctx.request().path();
    if (path.matches("/v1/collections/[^/]+/transcripts/chunks/[^/]+/?")) {
      return " (a chunk id's '#' must be sent as %23, as in .../chunks/sync-2026-03-04%23c0/context, or the "
          + "client drops the rest of the path as a fragment)";
    }
    if (path.matches("/v1/collections/[^/]+/documents/?") && ctx.request().method().name().equals("POST")) {
      return " (store a document with PUT .../documents/{id}, or several with POST .../documents:bulk)";
    }
    return "";
  }

  /** How to make the request's body smaller, by endpoint. */
  private static String smaller(RoutingContext ctx) {
    String path = ctx == null ? "" : ctx.request().path();
    if (path.endsWith("/documents:bulk")) {
      return "send fewer documents per bulk request";
    }
    if (path.endsWith("/transcripts")) {
      return "split the meeting into parts";
    }
    if (path.contains("/documents/")) {
      return "split the document into several";
    }
    return "send a smaller body";
  }

  private static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
        : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }

  /** The methods some route accepts on the request's path, e.g. {@code GET, PUT, DELETE}. */
  private String allowed(RoutingContext ctx) {
    String path = ctx.request().path();
    java.util.Set<String> methods = new java.util.TreeSet<>();
    for (String name : routeNames.get()) {
      int sp = name.indexOf(" /");
      if (sp > 0 && templateMatches(name.substring(sp + 1), path)) {
        methods.add(name.substring(0, sp));
      }
    }
    return String.join(", ", methods);
  }

  private static boolean templateMatches(String template, String path) {
    String regex = java.util.Arrays.stream(template.split("\\{\\w+}", -1))
        .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining("[^/]+"));
    return path.matches(regex);
  }

  Mapped map(Throwable failure, int status, RoutingContext ctx) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof UncheckedIOException) && t.getCause() != null
        && !(t.getCause() instanceof java.io.IOException)) {
      t = t.getCause();
    }
    if (t == null) {
      return byStatus(status, ctx);
    }
    return switch (t) {
      case WireJson.BadRequest e -> new Mapped(400, e.code(), e.getMessage(), null);
      case ServiceException.NotFound e -> new Mapped(404, e.code(), e.getMessage(), null);
      case ServiceException.Invalid e -> new Mapped(400, e.code(), e.getMessage(), null);
      case ServiceException.Unauthorized e -> new Mapped(401, e.code(), e.getMessage(), null);
      case ServiceException.Forbidden e -> new Mapped(403, e.code(), e.getMessage(), null);
      case ServiceException.Conflict e -> new Mapped(409, e.code(), e.getMessage(), null);
      case ServiceException.CursorExpired e -> new Mapped(410, e.code(), e.getMessage(), null);
      case ServiceException.InvalidCursor e -> new Mapped(400, e.code(), e.getMessage(), null);
      case ServiceException.Overloaded e -> new Mapped(429, e.code(), e.getMessage(),
          Map.of("retry_after_seconds", e.retryAfterSeconds()));
      case ServiceException.DeadlineExceeded e -> new Mapped(504, e.code(), e.getMessage(), null);
      case NoSuchCollectionException e -> new Mapped(404, "collection_not_found", e.getMessage()
          .replace("; none exist yet: index documents first (they create it)", "; none exist yet")
          + "; create it with POST /v1/collections {\"name\": \"" + e.collection() + "\"}",
          Map.of("collection", e.collection()));
      case MalformedInputException e -> new Mapped(400, "malformed_input", e.getMessage(), Map.of("bad_lines",
          e.badLines(), "lines", e.errors().stream().map(l -> Map.of("line", l.line(), "message", l.message()))
              .toList()));
      case IncompatibleCollectionException e -> new Mapped(409, "incompatible_collection", e.getMessage(), null);
      case IncompatibleModelException e -> new Mapped(409, "incompatible_model", e.getMessage(), null);
      case AlreadyClosedException e -> new Mapped(404, "collection_not_found",
          "the collection was deleted or closed while this request ran", null);
      case HttpException e -> byStatus(e.getStatusCode(), ctx);
      case IllegalArgumentException e -> new Mapped(400, "invalid_request", e.getMessage(), null);
      default -> {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "request " + (ctx == null ? "" : ctx.request().method() + " " + ctx.request().path())
            + " failed (error id " + id + ")", t);
        yield new Mapped(500, "internal_error", "internal error (id " + id + "); the server logged the details and "
            + "keeps serving", Map.of("error_id", id));
      }
    };
  }

  private Mapped byStatus(int status, RoutingContext ctx) {
    String path = ctx == null ? "" : ctx.request().method() + " " + ctx.request().path();
    return switch (status) {
      case 404 -> new Mapped(404, "not_found", "no endpoint " + path + hint(ctx) + "; GET /openapi.json lists them all",
          null);
      case 405 -> new Mapped(405, "method_not_allowed", path + " is not allowed; allowed methods: " + allowed(ctx),
          null);
      case 413 -> new Mapped(413, "body_too_large", "the request body is larger than this server accepts ("
          + megabytes(bodyLimitBytes) + "); " + smaller(ctx) + " (or start the server with a larger --max-body-mb)",
          Map.of("limit_bytes", bodyLimitBytes));
      case 400 -> new Mapped(400, "bad_request", "the request could not be read", null);
      case 415 -> new Mapped(415, "unsupported_media_type", "send the body as application/json", null);
      default -> status >= 400 && status < 500
          ? new Mapped(status, "bad_request", "request failed with status " + status, null)
          : new Mapped(500, "internal_error", "internal error", null);
    };
  }
}
