package dev.trawl.api.http;

import java.time.Duration;

/**
 * Settings of the HTTP server; {@link #defaults()} are what {@code trawl serve} uses.
 *
 * @param host address to bind (loopback by default)
 * @param port TCP port; 0 picks a free one
 * @param bodyLimitBytes largest request body accepted (413 above it)
 * @param maxInFlight requests running on the worker pool at once (its size)
 * @param maxQueued requests waiting for a worker; beyond in-flight + queued, 429 with Retry-After
 * @param defaultTimeoutMs deadline of a request that sets no {@code timeout_ms}
 * @param cursorTtl how long a cursor stays open after its last use
 * @param maxCursors most cursors open at once (the least recently used is closed first)
 * @param defaultCollection collection the MCP tools search when the agent names none
 * @param shutdownGrace how long shutdown waits for in-flight requests
 * @param apiKeys when non-null, every request but /health, /ready and /openapi.json needs
 *     {@code Authorization: Bearer <key>} and acts for that key's principals; null = no auth
 *     (callers are trusted; {@code X-Trawl-Principals} restricts them)
 */
public record ServerConfig(String host, int port, long bodyLimitBytes, int maxInFlight, int maxQueued,
    int defaultTimeoutMs, Duration cursorTtl, int maxCursors, String defaultCollection, Duration shutdownGrace,
    ApiKeys apiKeys) {
  public static final int DEFAULT_PORT = 7700;
  public static final long DEFAULT_BODY_LIMIT = 10L * 1024 * 1024;
  public static final int DEFAULT_TIMEOUT_MS = 10_000;
  public static final int MAX_TIMEOUT_MS = 120_000;

  /** Highest TCP port. */
  public static final int MAX_PORT = 65_535;

  /** @throws IllegalArgumentException naming the first setting out of range and its value */
  public ServerConfig {
    require(port >= 0 && port <= MAX_PORT, "port must be 0 (any free port) or 1-" + MAX_PORT, port);
    require(maxInFlight >= 1, "in-flight limit must be >= 1", maxInFlight);
    require(maxQueued >= 0, "queue limit must be >= 0", maxQueued);
    require(bodyLimitBytes >= 1024, "body limit must be >= 1024 bytes", bodyLimitBytes);
    require(defaultTimeoutMs >= 1, "default timeout must be >= 1 ms", defaultTimeoutMs);
    require(maxCursors >= 1, "cursor limit must be >= 1", maxCursors);
    require(cursorTtl.toMillis() >= 1, "cursor TTL must be >= 1 ms", cursorTtl.toMillis());
  }

  private static void require(boolean ok, String rule, long value) {
    if (!ok) {
      throw new IllegalArgumentException("invalid server settings: " + rule + ", got " + value);
    }
  }

  public static ServerConfig defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_BODY_LIMIT, 2 * cores, 8 * cores, DEFAULT_TIMEOUT_MS,
        Duration.ofMinutes(5), 1000, "sample", Duration.ofSeconds(20), null);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, bodyLimitBytes, maxInFlight, maxQueued, defaultTimeoutMs, cursorTtl, maxCursors,
        defaultCollection, shutdownGrace, apiKeys);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, bodyLimitBytes, maxInFlight, maxQueued, defaultTimeoutMs, cursorTtl, maxCursors,
        defaultCollection, shutdownGrace, apiKeys);
  }

  public ServerConfig withBodyLimit(long bytes) {
    return new ServerConfig(host, port, bytes, maxInFlight, maxQueued, defaultTimeoutMs, cursorTtl, maxCursors,
        defaultCollection, shutdownGrace, apiKeys);
  }

  public ServerConfig withConcurrency(int inFlight, int queued) {
    return new ServerConfig(host, port, bodyLimitBytes, inFlight, queued, defaultTimeoutMs, cursorTtl, maxCursors,
        defaultCollection, shutdownGrace, apiKeys);
  }

  public ServerConfig withDefaultTimeoutMs(int ms) {
    return new ServerConfig(host, port, bodyLimitBytes, maxInFlight, maxQueued, ms, cursorTtl, maxCursors,
        defaultCollection, shutdownGrace, apiKeys);
  }

  public ServerConfig withCursors(Duration ttl, int max) {
    return new ServerConfig(host, port, bodyLimitBytes, maxInFlight, maxQueued, defaultTimeoutMs, ttl, max,
        defaultCollection, shutdownGrace, apiKeys);
  }

  public ServerConfig withDefaultCollection(String c) {
    return new ServerConfig(host, port, bodyLimitBytes, maxInFlight, maxQueued, defaultTimeoutMs, cursorTtl,
        maxCursors, c, shutdownGrace, apiKeys);
  }

  public ServerConfig withApiKeys(ApiKeys keys) {
    return new ServerConfig(host, port, bodyLimitBytes, maxInFlight, maxQueued, defaultTimeoutMs, cursorTtl,
        maxCursors, defaultCollection, shutdownGrace, keys);
  }
}
