package dev.trawl.bench.micro;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Embedding one batch: Trawl's {@link BgeSmallEmbedder} against the bare ONNX model call on the
 * same texts, and against langchain4j's model class (which Trawl used before).
 *
 * <p>Batches: {@code documents} is 32 SciFact abstracts (the indexing case; each under the
 * model's 512 positions), {@code queries} is 8 SciFact test claims with BGE's query instruction
 * (an agent's fan-out). The bare calls get their token ids prepared in {@code @Setup}, so they
 * measure the model alone; Trawl's and langchain4j's methods start from strings, so they also
 * pay for tokenizing and normalising, which is their overhead to measure.
 *
 * <ul>
 *   <li>{@link #onnxPaddedBatch}: the whole batch padded into one tensor, one session call with
 *       ONNX Runtime's default threading (one intra-op thread per core). The obvious way to call
 *       the model; its vectors depend on the batch (dynamic int8 quantisation), which is why Trawl
 *       does not do it (see {@code BgeOnnxModel}).
 *   <li>{@link #onnxPerText}: one unpadded call per text on a single-threaded session, spread over
 *       two threads; what Trawl does, minus tokenizing, normalising and its pool.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
// One fork: model loading dominates a fork's start-up and the comparison is within the fork.
// 3 x 2 s warm-up lets ONNX Runtime's arenas reach their size; 5 x 2 s measurement holds 10-100
// batches per iteration on 2 cores.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EmbeddingBenchmark {
  private static final int THREADS = 2;

  @Param({"documents", "queries"})
  public String batch;

  private List<String> texts;
  private long[][] ids;
  private long[][] masks;
  private BgeSmallEmbedder trawl;
  private BgeSmallEnV15QuantizedEmbeddingModel langchain4j;
  private ExecutorService langchain4jPool;
  private ExecutorService pool;
  private OrtEnvironment env;
  private OrtSession defaultSession;
  private OrtSession singleThreadSession;

  @Setup(Level.Trial)
  public void setUp() throws IOException, OrtException {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = resource("/bge-small-en-v1.5-q-tokenizer.json")) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
    }
    texts = new ArrayList<>();
    if (batch.equals("documents")) {
      for (SourceDocument d : SciFactData.corpus(SciFactData.dir())) {
        if (texts.size() == 32) {
          break;
        }
        if (tokenizer.encode(d.text()).getIds().length <= 512) {
          texts.add(d.text());
        }
      }
    } else {
      for (String q : SciFactData.testQueries(SciFactData.dir()).subList(0, 8)) {
        texts.add(BgeSmallEmbedder.QUERY_INSTRUCTION + q);
      }
    }
    ids = new long[texts.size()][];
    masks = new long[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      Encoding e = tokenizer.encode(texts.get(i));
      ids[i] = e.getIds();
      masks[i] = e.getAttentionMask();
    }
    env = OrtEnvironment.getEnvironment();
    byte[] model;
    try (InputStream in = resource("/bge-small-en-v1.5-q.onnx")) {
      model = in.readAllBytes();
    }
    defaultSession = env.createSession(model, new OrtSession.SessionOptions());
    OrtSession.SessionOptions single = new OrtSession.SessionOptions();
    single.setIntraOpNumThreads(1);
    single.setInterOpNumThreads(1);
    single.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    singleThreadSession = env.createSession(model, single);
    pool = Executors.newFixedThreadPool(THREADS, daemon("bench-onnx"));
    langchain4jPool = Executors.newFixedThreadPool(THREADS, daemon("bench-lc4j"));
    langchain4j = new BgeSmallEnV15QuantizedEmbeddingModel(langchain4jPool);
    trawl = new BgeSmallEmbedder(THREADS);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    trawl.close();
    pool.shutdownNow();
    langchain4jPool.shutdownNow();
    defaultSession.close();
    singleThreadSession.close();
  }

  /** Trawl's embedder, from strings (documents as they are; the queries already carry the instruction). */
  @Benchmark
  public Object trawl() {
    return trawl.embedDocuments(texts);
  }

  /** langchain4j's model class over a pool of two threads, from strings. */
  @Benchmark
  public Object langchain4j() {
    return langchain4j.embedAll(texts.stream().map(TextSegment::from).toList()).content();
  }

  /** The batch padded into one tensor, one call, ONNX Runtime's default threading. */
  @Benchmark
  public float[][] onnxPaddedBatch() throws OrtException {
    int n = ids.length;
    int len = 0;
    for (long[] x : ids) {
      len = Math.max(len, x.length);
    }
    long[] flatIds = new long[n * len];
    long[] flatMask = new long[n * len];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ids[i], 0, flatIds, i * len, ids[i].length);
      System.arraycopy(masks[i], 0, flatMask, i * len, masks[i].length);
    }
    long[] shape = {n, len};
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(flatIds), shape);
        OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(flatMask), shape);
        OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * len]), shape);
        OrtSession.Result r = defaultSession.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      var hidden = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[][] cls = new float[n][384];
      for (int i = 0; i < n; i++) {
        hidden.get(i * len * 384, cls[i]);
      }
      return cls;
    }
  }

  /** One unpadded call per text on a single-threaded session, over two threads. */
  @Benchmark
  public float[][] onnxPerText() throws InterruptedException, ExecutionException {
    float[][] out = new float[ids.length][];
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>(THREADS);
    for (int t = 0; t < THREADS; t++) {
      running.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < ids.length; i = next.getAndIncrement()) {
          out[i] = callOne(ids[i], masks[i]);
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    return out;
  }

  private float[] callOne(long[] id, long[] mask) throws OrtException {
    long[] shape = {1, id.length};
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(id), shape);
        OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[id.length]), shape);
        OrtSession.Result r = singleThreadSession.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      float[] cls = new float[384];
      ((OnnxTensor) r.get(0)).getFloatBuffer().get(cls);
      return cls;
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = EmbeddingBenchmark.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " not on the classpath");
    }
    return in;
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
