package dev.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.api.Engine;
import dev.trawl.api.sample.SampleCorpus;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.ingest.ProgressListener;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real server on a random port over a temporary data folder holding the sample corpus, and
 * a blocking client for it. The default embedder is {@link HashingEmbedder} wrapped in {@link
 * GateEmbedder}, so tests run in seconds and can hold a request on a worker.
 */
final class ApiTestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Vertx vertx;
  final Engine engine;
  final ApiServer server;
  final WebClient client;
  final GateEmbedder gate;

  private ApiTestServer(Vertx vertx, Engine engine, ApiServer server, GateEmbedder gate) {
    this.vertx = vertx;
    this.engine = engine;
    this.server = server;
    this.gate = gate;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()));
  }

  static ApiTestServer start(Vertx vertx, Path data, ServerConfig config) throws IOException {
    GateEmbedder gate = new GateEmbedder(new HashingEmbedder(64));
    Engine engine = Engine.open(data, gate, CollectionOptions.defaults());
    return start(vertx, engine, config, gate);
  }

  static ApiTestServer start(Vertx vertx, Engine engine, ServerConfig config, GateEmbedder gate) throws IOException {
    var c = engine.catalog().openOrCreate(SampleCorpus.COLLECTION);
    SampleCorpus.indexIfEmpty(c, ProgressListener.NONE);
    ApiServer server = ApiServer.start(vertx, engine, config.withPort(0)).await();
    return new ApiTestServer(vertx, engine, server, gate);
  }

  static ServerConfig testConfig() {
    return ServerConfig.defaults().withBodyLimit(256 * 1024);
  }

  /** One response. */
  record Reply(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** A request whose body is a String (sent as UTF-8), raw {@code byte[]}, or null. */
  Reply call(String method, String path, Object body, Map<String, String> headers) {
    var req = client.request(HttpMethod.valueOf(method), path);
    headers.forEach(req::putHeader);
    if (body != null && !headers.containsKey("Content-Type")) {
      req.putHeader("Content-Type", "application/json");
    }
    var resp = (body == null ? req.send() : req.sendBuffer(body instanceof byte[] b ? Buffer.buffer(b)
        : Buffer.buffer((String) body))).await();
    Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    resp.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
    return new Reply(resp.statusCode(), h, resp.bodyAsString() == null ? "" : resp.bodyAsString());
  }

  Reply post(String path, String body) {
    return call("POST", path, body, Map.of());
  }

  Reply post(String path, Object body, Map<String, String> headers) {
    try {
      return call("POST", path, JSON.writeValueAsString(body), headers);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  Reply get(String path) {
    return call("GET", path, null, Map.of());
  }

  @Override
  public void close() throws IOException {
    if (gate != null) {
      gate.open();
    }
    client.close();
    server.stop();
    engine.close();
  }

  /**
   * Embeds with a delegate, but holds any query containing {@code slowpoke} until {@link
   * #open()}: a test's way to keep a request on a worker as long as it likes.
   */
  static final class GateEmbedder implements Embedder {
    private final Embedder delegate;
    private volatile CountDownLatch latch = new CountDownLatch(1);

    GateEmbedder(Embedder delegate) {
      this.delegate = delegate;
    }

    /** From now on, hold {@code slowpoke} queries until {@link #open()}. */
    void shut() {
      latch = new CountDownLatch(1);
    }

    void open() {
      latch.countDown();
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      return delegate.embedDocuments(texts);
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
      if (queries.stream().anyMatch(q -> q.contains("slowpoke"))) {
        try {
          latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.embedQueries(queries);
    }
  }
}
