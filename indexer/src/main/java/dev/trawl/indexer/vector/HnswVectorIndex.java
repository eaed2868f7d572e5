package dev.trawl.indexer.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import org.apache.lucene.util.VectorUtil;

/**
 * {@link VectorIndex} backed by hnswlib-java's {@link HnswIndex} with inner-product distance
 * ({@link InnerProductDistance}: Lucene's SIMD dot product).
 *
 * <p>The hnswlib file uses Java serialization, so it is only ever read back as a cache of the
 * Lucene index (see {@link VectorIndex}); a file that cannot be read is discarded and rebuilt.
 */
public final class HnswVectorIndex implements VectorIndex {
  public static final String FILE_NAME = "vectors.hnsw";
  public static final String STAMP_FILE_NAME = "vectors.stamp.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Graph construction parameters. */
  public record Params(int m, int efConstruction) {
    public static final Params DEFAULT = new Params(16, 200);
  }

  /** The stored item: passage id, parent id, vector, version. */
  record PassageVector(String id, String docId, float[] vector, long version) implements Item<String, float[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private final int dimension;
  private final Params params;
  private volatile HnswIndex<String, float[], PassageVector, Float> index;
  private final Object resizeLock = new Object();

  private HnswVectorIndex(int dimension, Params params, HnswIndex<String, float[], PassageVector, Float> index) {
    this.dimension = dimension;
    this.params = params;
    this.index = index;
  }

  /** A new, empty index. */
  public static HnswVectorIndex create(int dimension, Params params) {
    return new HnswVectorIndex(dimension, params, newGraph(dimension, params, 1024));
  }

  /**
   * Loads a saved index from {@code dir}.
   *
   * @return empty when there is no saved index or it cannot be read (it is then rebuilt by the caller)
   */
  public static Optional<Loaded> load(Path dir, int dimension) {
    Path file = dir.resolve(FILE_NAME);
    Path stampFile = dir.resolve(STAMP_FILE_NAME);
    if (!Files.exists(file) || !Files.exists(stampFile)) {
      return Optional.empty();
    }
    try {
      VectorIndexStamp stamp = JSON.readValue(stampFile.toFile(), VectorIndexStamp.class);
      HnswIndex<String, float[], PassageVector, Float> graph;
      try (var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        graph = HnswIndex.load(in, HnswVectorIndex.class.getClassLoader());
      }
      if (graph.getDimensions() != dimension || !(graph.getDistanceFunction() instanceof InnerProductDistance)) {
        // Another dimension, or a graph from before InnerProductDistance (hnswlib's scalar
        // FLOAT_INNER_PRODUCT, the same distance): rebuilt from Lucene by the caller, once.
        return Optional.empty();
      }
      Params params = new Params(graph.getM(), graph.getEfConstruction());
      return Optional.of(new Loaded(new HnswVectorIndex(dimension, params, graph), stamp));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A loaded index and the stamp it was saved with. */
  public record Loaded(HnswVectorIndex index, VectorIndexStamp stamp) {}

  private static HnswIndex<String, float[], PassageVector, Float> newGraph(int dimension, Params params, int capacity) {
    return HnswIndex.<float[], Float>newBuilder(dimension, InnerProductDistance.INSTANCE, capacity)
        .withM(params.m())
        .withEfConstruction(params.efConstruction())
        .withEf(10)
        .withRemoveEnabled()
        .build();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public void upsert(String passageId, String docId, float[] vector, long version) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has " + dimension);
    }
    PassageVector item = new PassageVector(passageId, docId, vector, version);
    while (true) {
      var graph = index;
      Optional<PassageVector> existing = graph.get(passageId);
      if (existing.isPresent() && existing.get().version() >= version) {
        return;
      }
      if (graph.size() + 1 >= graph.getMaxItemCount()) {
        grow(graph);
        continue;
      }
      try {
        graph.add(item);
        return;
      } catch (com.github.jelmerk.hnswlib.core.hnsw.SizeLimitExceededException e) {
        grow(graph);
      }
    }
  }

  private void grow(HnswIndex<String, float[], PassageVector, Float> seen) {
    synchronized (resizeLock) {
      if (index == seen && seen.size() + 1 >= seen.getMaxItemCount()) {
        seen.resize(Math.max(1024, seen.getMaxItemCount() * 2));
      }
    }
  }

  @Override
  public void remove(String passageId) {
    var graph = index;
    graph.get(passageId).ifPresent(v -> graph.remove(passageId, Long.MAX_VALUE));
  }

  @Override
  public long version(String passageId) {
    return index.get(passageId).map(PassageVector::version).orElse(-1L);
  }

  @Override
  public void forEachEntry(ObjLongConsumer<String> visitor) {
    for (PassageVector v : index.items()) {
      visitor.accept(v.id(), v.version());
    }
  }

  @Override
  public List<VectorHit> search(float[] query, int k, int ef) {
    if (k <= 0 || index.size() == 0) {
      return List.of();
    }
    // hnswlib searches with max(ef, k); asking for max(k, ef) neighbours gives a per-query ef
    // without touching the index-wide setting, which other threads share.
    int want = Math.max(k, ef);
    List<SearchResult<PassageVector, Float>> found = index.findNearest(query, want);
    List<VectorHit> hits = new ArrayList<>(Math.min(k, found.size()));
    for (SearchResult<PassageVector, Float> r : found) {
      if (hits.size() == k) {
        break;
      }
      hits.add(new VectorHit(r.item().id(), r.item().docId(), 1f - r.distance()));
    }
    return hits;
  }

  @Override
  public List<VectorHit> searchExact(float[] query, int k, Predicate<String> allowed) {
    if (k <= 0) {
      return List.of();
    }
    PriorityQueue<VectorHit> top = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a.similarity(), b.similarity()));
    for (PassageVector v : index.items()) {
      if (allowed != null && !allowed.test(v.id())) {
        continue;
      }
      float sim = dot(query, v.vector());
      if (top.size() < k) {
        top.add(new VectorHit(v.id(), v.docId(), sim));
      } else if (sim > top.peek().similarity()) {
        top.poll();
        top.add(new VectorHit(v.id(), v.docId(), sim));
      }
    }
    List<VectorHit> out = new ArrayList<>(top);
    out.sort((a, b) -> Float.compare(b.similarity(), a.similarity()));
    return out;
  }

  static float dot(float[] a, float[] b) {
    return VectorUtil.dotProduct(a, b);
  }

  @Override
  public void save(Path dir, VectorIndexStamp stamp) throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      index.save(out);
    }
    Path stampTmp = dir.resolve(STAMP_FILE_NAME + ".tmp");
    Files.write(stampTmp, JSON.writeValueAsBytes(stamp));
    // Graph first, stamp second: a crash in between leaves a stamp that no longer matches,
    // which only causes a catch-up on the next open.
    Files.deleteIfExists(dir.resolve(STAMP_FILE_NAME));
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(stampTmp, dir.resolve(STAMP_FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Graph parameters in use. */
  public Params params() {
    return params;
  }

  @Override
  public void close() {}
}
