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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>One generation is kept: saving a model first copies the model it replaces to {@code
 * models/previous/} (same two files, so {@code previous/} is itself a models folder that {@code
 * trawl eval --model} reads), replacing what was kept there. {@link #restorePrevious} swaps the
 * two, and {@link #remove} moves the current model there, so each step can be undone.
 */
public final class ModelStore {
  public static final String DIR = "models";
  public static final String MODEL_FILE = "reranker.json";
  public static final String SCHEMA_FILE = "reranker.schema.json";
  /** The folder, inside {@link #DIR}, that keeps the model the last save, restore or removal replaced. */
  public static final String PREVIOUS_DIR = "previous";
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

  /** The folder keeping a collection's previous model ({@code models/previous}). */
  public static Path previousFolder(Path collectionDir) {
    return folder(collectionDir).resolve(PREVIOUS_DIR);
  }

  /**
   * Saves {@code model} into the collection folder. The model it replaces, if any, is first kept
   * in {@link #previousFolder}, replacing the one kept there.
   *
   * @return the id ({@link RerankerModel#tag()}) of the model now kept as previous; empty if the
   *     collection had none
   */
  public static Optional<String> save(Path collectionDir, RerankerModel model) throws IOException {
    Path dir = collectionDir.resolve(DIR);
    Files.createDirectories(dir);
    ObjectNode meta = JSON.createObjectNode();
    meta.put("format", FORMAT);
    meta.put("model_file", MODEL_FILE);
    meta.put("model_sha256", model.sha256());
    meta.set("features", model.schema().toJson());
    meta.set("training", model.training());
    Optional<String> kept = copyFolder(dir, previousFolder(collectionDir));
    writeAtomically(dir.resolve(MODEL_FILE), model.xgboostJson());
    writeAtomically(dir.resolve(SCHEMA_FILE), JSON.writeValueAsBytes(meta));
    return kept;
  }

  /**
   * The id of the model in {@code modelsFolder} ({@code lambdamart-} and the first 10 hex digits of
   * its file's SHA-256, as {@link RerankerModel#tag()}), read without checking the model; empty
   * when there is no model file.
   */
  public static Optional<String> tag(Path modelsFolder) throws IOException {
    Path model = modelsFolder.resolve(MODEL_FILE);
    if (!Files.isRegularFile(model)) {
      return Optional.empty();
    }
    return Optional.of(RerankerModel.tagOf(Files.readAllBytes(model)));
  }

  /**
   * Swaps the collection's model with the previous one, so that calling it again undoes it.
   *
   * @return the id of the model now in use
   * @throws IllegalStateException if no previous model is kept
   */
  public static String restorePrevious(Path collectionDir) throws IOException {
    Path current = folder(collectionDir);
    Path previous = previousFolder(collectionDir);
    if (!Files.isRegularFile(previous.resolve(MODEL_FILE))) {
      throw new IllegalStateException("no previous model is kept in " + previous);
    }
    Map<String, byte[]> wasCurrent = read(current);
    Map<String, byte[]> wasPrevious = read(previous);
    write(current, wasPrevious);
    write(previous, wasCurrent);
    return RerankerModel.tagOf(wasPrevious.get(MODEL_FILE));
  }

  /**
   * Takes the collection's model out of use (searches then serve hybrid order), keeping it as the
   * previous model so that {@link #restorePrevious} brings it back.
   *
   * @return the id of the model removed; empty if the collection had none
   */
  public static Optional<String> remove(Path collectionDir) throws IOException {
    Path current = folder(collectionDir);
    Optional<String> removed = copyFolder(current, previousFolder(collectionDir));
    if (removed.isPresent()) {
      write(current, Map.of());
    }
    return removed;
  }

  /** Copies the model files of {@code from} to {@code to}; the id of the model copied, or empty (nothing done). */
  private static Optional<String> copyFolder(Path from, Path to) throws IOException {
    Map<String, byte[]> files = read(from);
    if (!files.containsKey(MODEL_FILE)) {
      return Optional.empty();
    }
    write(to, files);
    return Optional.of(RerankerModel.tagOf(files.get(MODEL_FILE)));
  }

  /** The model files present in {@code folder}, by name. */
  private static Map<String, byte[]> read(Path folder) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    for (String name : List.of(MODEL_FILE, SCHEMA_FILE)) {
      Path p = folder.resolve(name);
      if (Files.isRegularFile(p)) {
        files.put(name, Files.readAllBytes(p));
      }
    }
    return files;
  }

  /** Makes {@code folder}'s model files exactly {@code files}: each written atomically, model first; others deleted. */
  private static void write(Path folder, Map<String, byte[]> files) throws IOException {
    if (!files.isEmpty()) {
      Files.createDirectories(folder);
    }
    for (String name : List.of(MODEL_FILE, SCHEMA_FILE)) {
      if (files.containsKey(name)) {
        writeAtomically(folder.resolve(name), files.get(name));
      } else {
        Files.deleteIfExists(folder.resolve(name));
      }
    }
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
