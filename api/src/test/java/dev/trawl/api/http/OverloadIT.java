package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded concurrency, deadlines and graceful shutdown, on a server with one worker and no
 * queue. A query containing {@code slowpoke} is held in the embedder until the test lets it go.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadIT {
  static final String SEARCH = "/v1/collections/sample/search";
  private Vertx vertx;
  private ApiTestServer api;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    vertx = Vertx.vertx();
    api = ApiTestServer.start(vertx, data, ApiTestServer.testConfig().withConcurrency(1, 0));
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
    vertx.close().await();
  }

  @AfterEach
  void drain() throws Exception {
    api.gate.open();
    await(() -> api.server.work().admitted() == 0);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met in 10 s");
      }
      Thread.sleep(10);
    }
  }

  private Future<HttpResponse<Buffer>> send(ApiServer server, String json) {
    return WebClient.create(vertx).post(server.port(), "127.0.0.1", SEARCH)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json));
  }

  @Test
  void beyondTheWorkersAndQueueRequestsGet429WithRetryAfter(VertxTestContext ctx) throws Exception {
    api.gate.shut();
    var slow = send(api.server, "{\"query\": \"slowpoke database\"}");
    await(() -> api.server.work().running() == 1);
    assertEquals(200, api.get("/health").status(), "health is not queued behind searches");
    send(api.server, "{\"query\": \"database\"}").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(429, r.statusCode(), r.bodyAsString());
      assertEquals("1", r.getHeader("Retry-After"));
      assertEquals("overloaded", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
      api.gate.open();
      slow.onComplete(ctx.succeeding(s -> ctx.verify(() -> {
        assertEquals(200, s.statusCode(), s.bodyAsString());
        ctx.completeNow();
      })));
    })));
    assertTrue(ctx.awaitCompletion(20, TimeUnit.SECONDS));
    if (ctx.failed()) {
      throw new AssertionError(ctx.causeOfFailure());
    }
  }

  @Test
  void aSearchPastItsDeadlineGets504() throws Exception {
    api.gate.shut();
    try {
      var r = send(api.server, "{\"query\": \"slowpoke\", \"timeout_ms\": 200}").await();
      assertEquals(504, r.statusCode(), r.bodyAsString());
      assertEquals("deadline_exceeded", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    } finally {
      api.gate.open();
    }
    await(() -> api.server.work().admitted() == 0);
    assertEquals(200, api.post(SEARCH, "{\"query\": \"database\"}").status());
  }

  @Test
  void shutdownFinishesInFlightRequestsAndStopsAccepting() throws Exception {
    ApiServer second = ApiServer.start(vertx, api.engine, ApiTestServer.testConfig().withPort(0)).await();
    api.gate.shut();
    var inFlight = send(second, "{\"query\": \"slowpoke failover\"}");
    await(() -> second.work().running() == 1);
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(second::stop);
    await(() -> !second.isReady());
    assertFalse(stopping.isDone(), "stop waits for the in-flight request");
    api.gate.open();
    var r = inFlight.await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    stopping.get(30, TimeUnit.SECONDS);
    var refused = send(second, "{\"query\": \"database\"}");
    assertTrue(refused.toCompletionStage().toCompletableFuture().handle((x, e) -> e != null).get(10,
        TimeUnit.SECONDS), "a stopped server accepts no request");
  }

  @Test
  void principalsHeaderIsParsedForEveryPath() {
    var r = api.call("POST", SEARCH, "{\"query\": \"budget forecast\", \"k\": 50}",
        Map.of("X-Trawl-Principals", "user:alice"));
    assertEquals(200, r.status());
    assertTrue(r.body().contains("finance-2026-budget-forecast"), r.body());
  }
}
