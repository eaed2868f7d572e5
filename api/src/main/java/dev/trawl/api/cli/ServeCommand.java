package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.api.Warmup;
import dev.trawl.api.http.ApiKeys;
import dev.trawl.api.http.ApiServer;
import dev.trawl.api.http.ServerConfig;
import dev.trawl.api.sample.SampleCorpus;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.ingest.ConsoleProgress;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trawl serve}: the HTTP API and MCP endpoint over the data folder. On a data folder
 * with no collections it first indexes the bundled sample corpus into {@code sample}. SIGTERM
 * or Ctrl-C shut it down gracefully (stop accepting, finish in-flight requests, commit) and the
 * process exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the JSON API (/v1), the MCP endpoint (/mcp), /health, /ready, /metrics and /openapi.json.",
        "With --api-keys every request needs Authorization: Bearer <key> and sees what the key's principals may see.",
        "Without keys: any caller on the bound address is trusted unless it sends X-Trawl-Principals, so binding a",
        "non-loopback --host without --api-keys refuses to start unless --insecure is given."})
public final class ServeCommand implements Callable<Integer> {
  private static final int LISTEN_TIMEOUT_SECONDS = 60;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--max-body-mb", defaultValue = "10", description = "Largest request body in MB (default: ${DEFAULT-VALUE}).")
  int maxBodyMb;

  @Option(names = "--max-in-flight", description = "Requests running at once (default: 2 x cores).")
  Integer maxInFlight;

  @Option(names = "--max-queued", description = "Requests waiting for a worker before 429 (default: 8 x cores).")
  Integer maxQueued;

  @Option(names = "--timeout-ms", defaultValue = "" + ServerConfig.DEFAULT_TIMEOUT_MS,
      description = "Default request deadline (default: ${DEFAULT-VALUE}).")
  int timeoutMs;

  @Option(names = "--cursor-ttl-seconds", defaultValue = "300",
      description = "Cursors expire this long after their last use (default: ${DEFAULT-VALUE}).")
  int cursorTtlSeconds;

  @Option(names = "--api-keys", paramLabel = "FILE", description = "JSON keys file: {\"keys\": [{\"name\", "
      + "\"key_sha256\" (or \"key\"), \"principals\": [...] or \"unrestricted\": true}]}.")
  Path apiKeys;

  @Option(names = "--insecure", description = "Allow a non-loopback --host without --api-keys (every caller on the "
      + "network is trusted).")
  boolean insecure;

  @Option(names = "--no-warmup", description = "Start serving without first running a few searches to warm up "
      + "(the first requests then pay for JIT compilation and model start-up).")
  boolean noWarmup;

  @Mixin DataOptions data;

  @Mixin ChunkingOptions chunking;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    CollectionOptions forNewCollections = chunking.collectionOptions();
    ApiKeys keys = apiKeys == null ? null : ApiKeys.load(apiKeys);
    if (keys == null && !insecure && !isLoopback(host)) {
      System.err.println("trawl: refusing to serve on " + host + " without API keys: anyone who can reach it could "
          + "read and change every document. Give --api-keys FILE (see README, \"Authentication\"), bind "
          + "127.0.0.1, or pass --insecure if the network in front of it does the authentication.");
      return 2;
    }
    probeListen(host, port);
    ServerConfig d = ServerConfig.defaults();
    ServerConfig config = d.withHost(host).withPort(port).withBodyLimit(maxBodyMb * 1024L * 1024L)
        .withConcurrency(maxInFlight == null ? d.maxInFlight() : maxInFlight,
            maxQueued == null ? d.maxQueued() : maxQueued)
        .withDefaultTimeoutMs(timeoutMs).withCursors(Duration.ofSeconds(cursorTtlSeconds), d.maxCursors())
        .withApiKeys(keys);
    Engine engine = data.openEngine(forNewCollections);
    if (engine.catalog().list().isEmpty()) {
      var c = engine.catalog().openOrCreate(SampleCorpus.COLLECTION);
      var report = SampleCorpus.indexIfEmpty(c, new ConsoleProgress(System.err, "indexing sample corpus", 2000));
      if (report != null) {
        System.err.println(report.describe());
      }
    }
    if (!noWarmup) {
      long w0 = System.nanoTime();
      try {
        int n = Warmup.run(engine);
        System.err.printf("trawl: warmed up with %d searches in %.1f s%n", n, (System.nanoTime() - w0) / 1e9);
      } catch (RuntimeException e) {
        System.err.println("trawl: warm-up skipped: " + Main.message(e)); // serving matters more
      }
    }
    Vertx vertx = Vertx.vertx();
    ApiServer server;
    try {
      server = ApiServer.start(vertx, engine, config).toCompletionStage().toCompletableFuture()
          .get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      engine.close();
      throw new IllegalStateException(listenFailure(host, port,
          e instanceof ExecutionException ? e.getCause() : e), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean begun = new AtomicBoolean();
    AtomicInteger exitCode = new AtomicInteger();
    Runnable shutdown = () -> {
      if (!begun.compareAndSet(false, true)) {
        awaitQuietly(stopped);
        return;
      }
      System.err.println("trawl: shutting down (finishing in-flight requests, committing) ...");
      try {
        server.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        engine.close();
        System.err.println("trawl: stopped");
      } catch (Throwable e) {
        System.err.println("trawl: shutdown did not complete cleanly: " + Main.message(e));
        exitCode.set(1);
      } finally {
        stopped.countDown();
      }
    };
    SignalShutdown.install(shutdown);
    printBanner(server.port(), engine.catalog().list());
    if (keys != null) {
      System.out.println("  auth: " + keys.size() + " API keys from " + apiKeys + " (send Authorization: Bearer <key>)");
    }
    stopped.await();
    return exitCode.get();
  }

  /**
   * Rejects option values out of range before anything is opened, indexed or warmed up.
   *
   * @throws picocli.CommandLine.ParameterException naming the option and the value given
   */
  private void checkOptions() {
    OptionRange.require(spec, port >= 0 && port <= ServerConfig.MAX_PORT, "--port",
        "0 (any free port) or 1-" + ServerConfig.MAX_PORT, port);
    OptionRange.atLeast(spec, "--max-body-mb", maxBodyMb, 1);
    if (maxInFlight != null) {
      OptionRange.atLeast(spec, "--max-in-flight", maxInFlight, 1);
    }
    if (maxQueued != null) {
      OptionRange.atLeast(spec, "--max-queued", maxQueued, 0);
    }
    OptionRange.atLeast(spec, "--timeout-ms", timeoutMs, 1);
    OptionRange.atLeast(spec, "--cursor-ttl-seconds", cursorTtlSeconds, 1);
  }

  /**
   * Fails fast when the server will not be able to listen on {@code host:port} (the port is taken,
   * the address is not this machine's): binds a socket there and closes it, before the data folder
   * is opened, the sample corpus indexed (a minute on a fresh folder) or the server warmed up. With
   * port 0 (any free port) the probe still checks the host. The listen itself still reports a port
   * taken in between.
   *
   * @throws IllegalStateException with {@link #listenFailure}'s message, as the listen would give
   */
  static void probeListen(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException(listenFailure(host, port, e), e);
    }
  }

  /** What went wrong when the server could not listen, and what to change. */
  static String listenFailure(String host, int port, Throwable cause) {
    String where = "cannot listen on " + host + ":" + port + ": ";
    if (cause instanceof TimeoutException) {
      return where + "no answer within " + LISTEN_TIMEOUT_SECONDS + " s; try again, or check --host and --port";
    }
    String why = Main.message(cause).strip();
    if (cause instanceof BindException && why.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
      return where + why + " (is another server using that port? pick another with --port, or 0 for any free one)";
    }
    return where + why + " (check --host: an address of this machine such as 127.0.0.1, or 0.0.0.0 for all)";
  }

  /** True when {@code host} names only loopback addresses (127.0.0.0/8, ::1, localhost). */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void printBanner(int actualPort, java.util.List<String> collections) {
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
    String c = collections.contains(SampleCorpus.COLLECTION) ? SampleCorpus.COLLECTION
        : collections.isEmpty() ? "default" : collections.get(0);
    System.out.println("Trawl is serving " + data.dataDir().toAbsolutePath().normalize() + " at " + base);
    System.out.println("  collections: " + (collections.isEmpty() ? "(none)" : String.join(", ", collections)));
    System.out.println("  API reference: " + base + "/openapi.json   MCP endpoint: " + base + "/mcp");
    System.out.println();
    System.out.println("Try a search:");
    System.out.println("  curl -s " + base + "/v1/collections/" + c + "/search -H 'Content-Type: application/json' \\");
    System.out.println("    -d '{\"query\": \"how do we fail over the primary database\", \"k\": 3}'");
    System.out.println();
    System.out.println("Or a fan-out of several phrasings, fused into one de-duplicated list:");
    System.out.println("  curl -s " + base + "/v1/collections/" + c + "/multi_search -H 'Content-Type: application/json' \\");
    System.out.println("    -d '{\"queries\": [\"database failover\", \"promote a replica\", \"patroni leader lock\"], "
        + "\"k\": 5, \"per_query_k\": 10, \"token_budget\": 1000}'");
    // per_query_k 10 rather than the default 50: on the 47-document sample, 50 is every
    // document, and per_query.new_documents would call the second and third queries redundant.
    System.out.println();
    System.out.println("Stop with Ctrl-C or SIGTERM (in-flight requests finish, writes are committed).");
    System.out.flush();
  }
}
