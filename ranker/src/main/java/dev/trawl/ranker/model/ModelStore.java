package dev.trawl.ranker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.ranker.feature.FeatureSchema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a collection keeps its reranker: {@code <collection>/models/reranker.json} (the XGBoost
 * model, loadable by any XGBoost) and {@code reranker.schema.json} next to it:
 *
 * <pre>{@code
 * {"format": "trawl-reranker-1", "model_file": "reranker.json", "model_sha256": "...",
 *  "features": [{"name": "bm25_contents", "version": 1, "definition": "..."}, ...],
 *  "training": {...}}
 * }</pre>
 *
 * <p>Each file is written to a temporary file, forced to disk and moved into place atomically,
 * model first. The schema file names the model's SHA-256, so a model and a schema from different
 * trainings (a crash between the two moves, a hand copy) are refused instead of silently mixed.
 */
public final class ModelStore {
  public static final String DIR = "models";
  public static final String MODEL_FILE = "reranker.json";
  public static final String SCHEMA_FILE = "reranker.schema.json";
  static final String FORMAT = "trawl-reranker-1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelStore() {}

  /** The folder holding a collection's model files. */
  public static Path folder(Path collectionDir) {
    return collectionDir.resolve(DIR);
  }

  public static Path modelFile(Path collectionDir) {
    return collectionDir.resolve(DIR).resolve(MODEL_FILE);
  }

  public static Path schemaFile(Path collectionDir) {
    return collectionDir.resolve(DIR).resolve(SCHEMA_FILE);
  }

  /** Saves {@code model} into the collection folder, replacing any model there. */
  public static void save(Path collectionDir, RerankerModel model) throws IOException {
    Path dir = collectionDir.resolve(DIR);
    Files.createDirectories(dir);
    ObjectNode meta = JSON.createObjectNode();
    meta.put("format", FORMAT);
    meta.put("model_file", MODEL_FILE);
    meta.put("model_sha256", model.sha256());
    meta.set("features", model.schema().toJson());
    meta.set("training", model.training());
    writeAtomically(dir.resolve(MODEL_FILE), model.xgboostJson());
    writeAtomically(dir.resolve(SCHEMA_FILE), JSON.writeValueAsBytes(meta));
  }

  /**
   * Loads the collection's model; empty when it has none.
   *
   * @throws IncompatibleModelException if the files are unreadable or do not belong together
   */
  public static Optional<RerankerModel> load(Path collectionDir) {
    return loadFolder(folder(collectionDir));
  }

  /**
   * Loads the model whose {@value #MODEL_FILE} and {@value #SCHEMA_FILE} are in {@code
   * modelsFolder} (a collection's {@code models/}, or a copy of it under any name); empty when
   * there is no model file.
   *
   * @throws IncompatibleModelException if the files are unreadable or do not belong together
   */
  public static Optional<RerankerModel> loadFolder(Path modelsFolder) {
    Path model = modelsFolder.resolve(MODEL_FILE);
    Path schema = modelsFolder.resolve(SCHEMA_FILE);
    if (!Files.exists(model)) {
      return Optional.empty();
    }
    if (!Files.exists(schema)) {
      throw new IncompatibleModelException(model + " has no " + SCHEMA_FILE + " next to it, so its features are"
          + " unknown. Retrain with `trawl train`, or delete " + model + " to serve hybrid order.");
    }
    try {
      byte[] bytes = Files.readAllBytes(model);
      JsonNode meta = JSON.readTree(Files.readAllBytes(schema));
      if (!FORMAT.equals(meta.path("format").asText())) {
        throw new IncompatibleModelException(schema + " has format '" + meta.path("format").asText()
            + "', expected " + FORMAT + ". Retrain with `trawl train`.");
      }
      String expected = meta.path("model_sha256").asText();
      String actual = RerankerModel.sha256(bytes);
      if (!expected.equals(actual)) {
        throw new IncompatibleModelException(model + " is not the model " + schema + " describes (SHA-256 "
            + actual.substring(0, 12) + "..., expected " + (expected.length() >= 12 ? expected.substring(0, 12)
            : expected) + "...). Retrain with `trawl train`, or delete both files to serve hybrid order.");
      }
      FeatureSchema features = FeatureSchema.fromJson(meta.path("features"));
      RerankerModel m = new RerankerModel(features, bytes, meta.path("training"));
      m.trees(); // parse now: a broken model is refused at load, not at the first search
      return Optional.of(m);
    } catch (IOException | IllegalArgumentException e) {
      throw new IncompatibleModelException("cannot read the reranker in " + model.getParent() + ": " + e.getMessage()
          + ". Retrain with `trawl train`, or delete the folder to serve hybrid order.", e);
    }
  }

  /** Deletes the collection's model files; true if there were any. */
  public static boolean delete(Path collectionDir) throws IOException {
    boolean a = Files.deleteIfExists(modelFile(collectionDir));
    boolean b = Files.deleteIfExists(schemaFile(collectionDir));
    return a || b;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
