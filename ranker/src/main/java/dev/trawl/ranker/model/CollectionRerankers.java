package dev.trawl.ranker.model;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.query.rerank.Reranker;
import dev.trawl.query.rerank.Rerankers;
import dev.trawl.ranker.feature.FeatureExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each collection's {@link LearnedReranker}, loaded from its folder ({@link ModelStore}) on first
 * use and reloaded when the model file changes (a new {@code trawl train} takes effect without a
 * restart; the change is noticed within {@link #RECHECK_NANOS}). A collection without a model gets
 * a reranker that only explains, so its fused order is served. A model that cannot be used (other
 * features, damaged files) is refused on every search of that collection with the loader's message,
 * until it is retrained or deleted; requests with {@code rerank=false} and no explain still work.
 *
 * <p>Thread-safe.
 */
public final class CollectionRerankers implements Rerankers {
  static final long RECHECK_NANOS = 1_000_000_000L;

  private final Function<String, Path> modelsFolderOf;
  private final FeatureExtractor extractor;
  private final int depth;
  private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

  private record Loaded(Object fileKey, long checkedAt, LearnedReranker reranker, RuntimeException failure) {}

  /**
   * @param modelsFolderOf the folder holding a collection's model files, by collection name
   *     ({@link ModelStore#folder} of the collection's folder, or another folder to evaluate)
   * @param depth documents reranked per query
   */
  public CollectionRerankers(Function<String, Path> modelsFolderOf, FeatureExtractor extractor, int depth) {
    this.modelsFolderOf = modelsFolderOf;
    this.extractor = extractor;
    this.depth = depth;
  }

  @Override
  public Reranker forCollection(CollectionSnapshot snapshot) {
    String name = snapshot.collection();
    long now = System.nanoTime();
    Loaded current = loaded.get(name);
    if (current == null || now - current.checkedAt() > RECHECK_NANOS) {
      current = loaded.compute(name, (n, old) -> refresh(n, old, now));
    }
    if (current.failure() != null) {
      throw current.failure();
    }
    return current.reranker();
  }

  private Loaded refresh(String name, Loaded old, long now) {
    if (old != null && now - old.checkedAt() <= RECHECK_NANOS) {
      return old; // another thread refreshed it meanwhile
    }
    Path dir = modelsFolderOf.apply(name);
    Object key = fileKey(dir.resolve(ModelStore.MODEL_FILE), dir.resolve(ModelStore.SCHEMA_FILE));
    if (old != null && old.fileKey().equals(key)) {
      return new Loaded(key, now, old.reranker(), old.failure());
    }
    try {
      RerankerModel model = ModelStore.loadFolder(dir).orElse(null);
      return new Loaded(key, now, new LearnedReranker(extractor, model, depth), null);
    } catch (IllegalStateException e) {
      String message = "collection '" + name + "': " + e.getMessage();
      return new Loaded(key, now, null, new IncompatibleModelException(message, e));
    }
  }

  /** Identifies the current content of the two files (modification time and size of each). */
  private static Object fileKey(Path model, Path schema) {
    return java.util.List.of(attributes(model), attributes(schema));
  }

  private static String attributes(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return a.lastModifiedTime() + "/" + a.size() + "/" + a.fileKey();
    } catch (IOException e) {
      return "absent";
    }
  }
}
