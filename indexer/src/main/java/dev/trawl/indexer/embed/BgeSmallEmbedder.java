package dev.trawl.indexer.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * BAAI's bge-small-en-v1.5, int8-quantised, run in-process with ONNX Runtime through
 * langchain4j's {@link BgeSmallEnV15QuantizedEmbeddingModel}: 384 dimensions, CLS pooling.
 *
 * <p><b>Queries and documents.</b> As the model card recommends for retrieval, every query is
 * prefixed with {@value #QUERY_INSTRUCTION}; documents are embedded as they are. Vectors are
 * L2-normalised (langchain4j already normalises; this class does it again, which costs about 400
 * multiplications, so the {@link Embedder} contract does not depend on a library detail).
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
 * <p><b>Threads and batches.</b> langchain4j embeds one text per ONNX Runtime call (no padding
 * across texts) and spreads the texts of one {@code embedAll} call over an executor; ONNX
 * Runtime itself also uses one intra-op thread per physical core for each call. This class hands
 * langchain4j at most {@link #batchSize()} texts at a time and gives it a pool of {@link
 * #threads()} daemon threads named {@code trawl-embed-N}. A batch of one text runs on the
 * caller's thread.
 *
 * <p>The model (about 34 MB, plus ONNX Runtime's working memory) is loaded once per JVM, when the
 * first instance is created, and is shared by all instances; each instance owns only its
 * thread pool, which {@link #close()} shuts down. Thread-safe.
 */
public final class BgeSmallEmbedder implements Embedder {

  /** {@link #id()} of this embedder. */
  public static final String ID = "bge-small-en-v1.5-q";

  /** {@link #dimension()} of this embedder. */
  public static final int DIMENSION = 384;

  /** Prefix the model card prescribes for retrieval queries (short query, long passages). */
  public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

  /** Default {@link #batchSize()}: large enough to keep the pool busy between batches. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  static {
    forbidDjlNetworkAccess();
  }

  private final int threads;
  private final int batchSize;
  private final ThreadPoolExecutor pool;
  private final BgeSmallEnV15QuantizedEmbeddingModel model;

  /** {@link #defaultThreads()} threads, batches of {@value #DEFAULT_BATCH_SIZE}. */
  public BgeSmallEmbedder() {
    this(defaultThreads(), DEFAULT_BATCH_SIZE);
  }

  /**
   * @param threads size of the pool that langchain4j spreads the texts of a batch over; at least 1
   * @param batchSize most texts handed to langchain4j at once; at least 1
   */
  public BgeSmallEmbedder(int threads, int batchSize) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    this.threads = threads;
    this.batchSize = batchSize;
    this.pool = new ThreadPoolExecutor(
        threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new NamedThreadFactory("trawl-embed"));
    this.pool.allowCoreThreadTimeOut(true);
    this.model = new BgeSmallEnV15QuantizedEmbeddingModel(pool);
  }

  /**
   * Default pool size: the number of available processors.
   *
   * <p>Measured on the 2-core reference machine with 200-word SciFact passages: ONNX Runtime
   * already spreads each call over both cores, so on a quiet machine the pool size moved
   * throughput (15-19 documents/s) less than run-to-run noise; on a machine busy with other work
   * (the usual state of a shared developer or CI machine) 4 threads did about 1.5x better than
   * 1, batches of at least 8 texts always beat batches of 1, and 8, 32 and 64 were within noise.
   * Because every ONNX Runtime call also uses one intra-op thread per core (langchain4j does not
   * expose that setting), the pool oversubscribes cores by design; re-measure before raising it
   * on large machines.
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

  /** Size of the thread pool langchain4j runs a batch on. */
  public int threads() {
    return threads;
  }

  /** Most texts handed to langchain4j in one call. */
  public int batchSize() {
    return batchSize;
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
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = Objects.requireNonNull(texts.get(i), "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("text " + i + " is blank; blank text has no embedding");
      }
      segments.add(TextSegment.from(prefix + text));
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < segments.size(); from += batchSize) {
      List<TextSegment> batch = segments.subList(from, Math.min(segments.size(), from + batchSize));
      for (Embedding embedding : model.embedAll(batch).content()) {
        vectors.add(UnitVectors.normalize(embedding.vector()));
      }
    }
    return vectors;
  }

  /** Shuts the thread pool down; calls already running finish, later calls fail. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
