package dev.trawl.api.http;

import dev.trawl.api.Engine;
import dev.trawl.api.mcp.McpServer;
import dev.trawl.api.service.CollectionService;
import dev.trawl.api.service.CursorStore;
import dev.trawl.api.service.DocumentService;
import dev.trawl.api.service.DurableWrites;
import dev.trawl.api.service.SearchService;
import dev.trawl.api.service.ServiceException;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.transcript.TranscriptChunking;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trawl's HTTP server: the route table below, one handler method per endpoint. Handlers run on
 * the event loop only to parse and validate; every service call runs on the {@code
 * trawl-worker} pool ({@link BlockingWork}). Routes are named by their OpenAPI form ({@code POST
 * /v1/collections/{c}/search}), which metrics use as labels and a test compares with
 * {@code openapi.json}.
 */
public final class ApiServer {
  private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
  /** Endpoints anyone may call, key or not: probes and the API description. */
  private static final Set<String> OPEN_ROUTES = Set.of("GET /health", "GET /ready", "GET /openapi.json");
  /**
   * Endpoints a restricted API key may call: they filter by its principals. Everything else
   * (writes, collection admin, collection stats and /metrics, which reveal counts of documents
   * it may not see) needs an unrestricted key.
   */
  private static final Set<String> RESTRICTED_KEY_ROUTES = Set.of("POST /v1/collections/{c}/search",
      "POST /v1/collections/{c}/multi_search", "GET /v1/collections/{c}/documents/{id}",
      "GET /v1/collections/{c}/transcripts/chunks/{chunk_id}/context", "POST /mcp");

  private final Vertx vertx;
  private final Engine engine;
  private final ServerConfig config;
  private final BlockingWork work;
  private final CursorStore cursors;
  private final ApiMetrics metrics = new ApiMetrics();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Router router;
  private volatile EventLoopLag loopLag;
  private volatile HttpServer server;

  private ApiServer(Vertx vertx, Engine engine, ServerConfig config) {
    this.vertx = vertx;
    this.engine = engine;
    this.config = config;
    this.work = new BlockingWork(vertx, config.maxInFlight(), config.maxQueued());
    this.cursors = new CursorStore(config.cursorTtl(), config.maxCursors());
    this.router = buildRouter();
  }

  /**
   * Starts a server over {@code engine}; completes once it listens, or fails with the reason it
   * cannot (address in use, unknown host, ...). It never leaves the future pending on a failure.
   */
  public static Future<ApiServer> start(Vertx vertx, Engine engine, ServerConfig config) {
    ApiServer s = new ApiServer(vertx, engine, config);
    // Server and lag sampler on one context, so the sampler measures the loop serving requests.
    Context context = vertx.getOrCreateContext();
    Promise<ApiServer> started = Promise.promise();
    context.runOnContext(v -> {
      try {
        s.server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
            .setMaxInitialLineLength(16 * 1024));
        s.loopLag = EventLoopLag.start(vertx, s.metrics);
        s.server.requestHandler(s.router).listen(config.port(), config.host()).map(x -> {
          s.ready.set(true);
          return s;
        }).onFailure(e -> s.loopLag.stop()).onComplete(started);
      } catch (RuntimeException e) {
        // Vert.x throws on some settings (a port above 65535) instead of failing the listen future.
        if (s.loopLag != null) {
          s.loopLag.stop();
        }
        started.tryFail(e);
      }
    });
    return started.future();
  }

  /** The server's request metrics, as {@code GET /metrics} exposes them. */
  public ApiMetrics metrics() {
    return metrics;
  }

  private Router buildRouter() {
    var search = new SearchService(engine.catalog(), engine.searcher(), engine.fanOut(), cursors);
    var durable = new DurableWrites();
    var documents = new DocumentService(engine.catalog(), durable);
    var transcripts = new TranscriptService(engine.catalog(), engine.searcher(),
        TranscriptChunking.defaults(), durable);
    var collections = new CollectionService(engine.catalog(), cursors);
    var mcp = new McpServer(search, documents, transcripts, engine.catalog(), config.defaultCollection(),
        config.defaultTimeoutMs());
    Replies replies = new Replies(vertx, work);
    var searchRoutes = new SearchRoutes(search, replies, config);
    var documentRoutes = new DocumentRoutes(documents, replies, config);
    var transcriptRoutes = new TranscriptRoutes(transcripts, replies, config);
    var collectionRoutes = new CollectionRoutes(collections, replies, config);
    var ops = new OpsRoutes(metrics, work, cursors, collections, replies, ready::get);
    var mcpRoute = new McpRoute(mcp, work);

    Router r = Router.router(vertx);
    r.route().handler(this::begin);
    if (config.apiKeys() != null) {
      r.route().handler(this::authenticate);
    }
    r.route().handler(BodyHandler.create().setHandleFileUploads(false).setBodyLimit(config.bodyLimitBytes()));

    add(r, HttpMethod.GET, "/health", ops::health);
    add(r, HttpMethod.GET, "/ready", ops::ready);
    add(r, HttpMethod.GET, "/metrics", ops::metrics);
    add(r, HttpMethod.GET, "/openapi.json", ops::openApi);

    add(r, HttpMethod.GET, "/v1/collections", collectionRoutes::list);
    add(r, HttpMethod.POST, "/v1/collections", collectionRoutes::create);
    add(r, HttpMethod.GET, "/v1/collections/{c}", collectionRoutes::stats);
    add(r, HttpMethod.DELETE, "/v1/collections/{c}", collectionRoutes::delete);

    add(r, HttpMethod.POST, "/v1/collections/{c}/search", searchRoutes::search);
    add(r, HttpMethod.POST, "/v1/collections/{c}/multi_search", searchRoutes::multiSearch);

    add(r, HttpMethod.GET, "/v1/collections/{c}/documents/{id}", documentRoutes::get);
    add(r, HttpMethod.PUT, "/v1/collections/{c}/documents/{id}", documentRoutes::put);
    add(r, HttpMethod.DELETE, "/v1/collections/{c}/documents/{id}", documentRoutes::delete);
    add(r, HttpMethod.POST, "/v1/collections/{c}/documents:bulk", documentRoutes::bulk);

    add(r, HttpMethod.POST, "/v1/collections/{c}/transcripts", transcriptRoutes::ingest);
    add(r, HttpMethod.DELETE, "/v1/collections/{c}/transcripts/{meeting_id}", transcriptRoutes::delete);
    add(r, HttpMethod.GET, "/v1/collections/{c}/transcripts/chunks/{chunk_id}/context", transcriptRoutes::context);

    add(r, HttpMethod.POST, "/mcp", mcpRoute::post);

    FailureHandler failures = new FailureHandler(this::routeNames, config.bodyLimitBytes());
    r.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      r.errorHandler(status, failures);
    }
    return r;
  }

  /** Registers {@code handler} for {@code method} on an OpenAPI-style path ({@code {name}} parameters). */
  private static void add(Router r, HttpMethod method, String path, Handler<RoutingContext> handler) {
    String name = method.name() + " " + path;
    Route route;
    if (path.contains(":")) {
      // A literal ':' (as in documents:bulk) would read as a parameter; use a regex with named groups.
      Matcher m = PARAM.matcher(path);
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(path.substring(last, m.start())));
        regex.append("(?<").append(m.group(1)).append(">[^/]+)");
        last = m.end();
      }
      regex.append(Pattern.quote(path.substring(last)));
      route = r.routeWithRegex(method, regex.toString());
    } else {
      route = r.route(method, PARAM.matcher(path).replaceAll(":$1"));
    }
    route.setName(name).handler(ctx -> {
      ctx.put(Replies.ROUTE, name);
      ApiKeys.Entry key = ctx.get(Replies.API_KEY);
      if (key != null && !key.unrestricted() && !RESTRICTED_KEY_ROUTES.contains(name)) {
        ctx.fail(new ServiceException.Forbidden("forbidden", "API key '" + key.name() + "' is restricted to its "
            + "principals and may only search, fetch documents and transcript context, and use /mcp; " + name
            + " needs an unrestricted key"));
        return;
      }
      ctx.next();
    }).handler(handler);
  }

  private void begin(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.put(Replies.START, start);
    ctx.put(Replies.ROUTE, "ANY unmatched");
    ctx.addEndHandler(v -> metrics.record(ctx.get(Replies.ROUTE), ctx.response().getStatusCode(),
        System.nanoTime() - start));
    ctx.next();
  }

  /**
   * With API keys configured: resolves {@code Authorization: Bearer <key>} before the body is
   * read, answering 401 to a missing or unknown key (the key itself is never logged or echoed).
   */
  private void authenticate(RoutingContext ctx) {
    String path = ctx.request().path();
    if (ctx.request().method() == HttpMethod.GET && OPEN_ROUTES.contains("GET " + path)) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader(io.vertx.core.http.HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(new ServiceException.Unauthorized("unauthorized", "this server needs an API key: send "
          + "Authorization: Bearer <key>"));
      return;
    }
    var key = config.apiKeys().resolve(header.substring(7).trim());
    if (key.isEmpty()) {
      ctx.fail(new ServiceException.Unauthorized("invalid_api_key", "the API key is not valid"));
      return;
    }
    ctx.put(Replies.API_KEY, key.get());
    ctx.next();
  }

  public Router router() {
    return router;
  }

  /** Names of the registered endpoints, {@code METHOD /path/{param}}. */
  public List<String> routeNames() {
    List<String> names = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      if (route.getName() != null && route.getName().contains(" /")) {
        names.add(route.getName());
      }
    }
    return names;
  }

  public int port() {
    return server.actualPort();
  }

  public ServerConfig config() {
    return config;
  }

  public BlockingWork work() {
    return work;
  }

  public boolean isReady() {
    return ready.get();
  }

  /**
   * Graceful stop, blocking (call it off the event loop): /ready turns 503, the server stops
   * accepting connections and waits up to the configured grace for in-flight requests, then
   * open cursors are released and every open collection is committed with its vector graph
   * saved. The engine itself is left open for its owner to close. Idempotent.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    ready.set(false);
    if (loopLag != null) {
      loopLag.stop();
    }
    try {
      server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
          .toCompletionStage().toCompletableFuture().get(config.shutdownGrace().toMillis() + 5000,
              TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "server did not shut down cleanly within the grace period", e);
    }
    work.close();
    cursors.close();
    for (DocumentCollection c : engine.catalog().openCollections()) {
      try {
        c.commitAndSaveVectors();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "could not commit collection '" + c.name() + "' at shutdown", e);
      }
    }
  }
}
