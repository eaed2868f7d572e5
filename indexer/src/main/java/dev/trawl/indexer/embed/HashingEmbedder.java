package dev.trawl.indexer.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A deterministic stand-in embedder for tests: <b>test-only quality</b>, no model, microseconds
 * per text.
 *
 * <p>A text's vector is the feature hash of its lower-cased words (runs of letters and digits):
 * each word adds ±1 to one component chosen by a stable 64-bit hash of the word, then the vector
 * is L2-normalised. So texts that share words have a positive inner product and texts that share
 * none have one near 0; synonyms, word order and meaning are ignored. A text with no word (such
 * as {@code "?!"}) is hashed as one word. Queries are embedded exactly like documents.
 *
 * <p>Vectors depend only on the text and the dimension: the same on every JVM and platform.
 * Use it where a test needs an {@link Embedder} but not a real one, to avoid loading ONNX models.
 * Thread-safe.
 */
public final class HashingEmbedder implements Embedder {

  private final int dimension;

  /** @param dimension number of components; at least 1 */
  public HashingEmbedder(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
    }
    this.dimension = dimension;
  }

  /** {@code hashing-test-<dimension>}. */
  @Override
  public String id() {
    return "hashing-test-" + dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** @throws IllegalArgumentException if a text is blank */
  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      vectors.add(embed(texts.get(i), i));
    }
    return vectors;
  }

  /** Same vectors as {@link #embedDocuments}. @throws IllegalArgumentException if a query is blank */
  @Override
  public List<float[]> embedQueries(List<String> queries) {
    return embedDocuments(queries);
  }

  private float[] embed(String text, int position) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text " + position + " is blank; blank text has no embedding");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    float[] vector = new float[dimension];
    boolean anyWord = false;
    int i = 0;
    while (i < lower.length()) {
      int cp = lower.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < lower.length() && Character.isLetterOrDigit(lower.codePointAt(i))) {
        i += Character.charCount(lower.codePointAt(i));
      }
      add(vector, hash(lower, start, i));
      anyWord = true;
    }
    if (!anyWord) {
      add(vector, hash(lower.strip(), 0, lower.strip().length()));
    }
    if (isZero(vector)) {
      // Words cancelled each other out (same component, opposite signs): fall back to the text.
      vector[Math.floorMod(hash(lower, 0, lower.length()), dimension)] = 1f;
    }
    return UnitVectors.normalize(vector);
  }

  private void add(float[] vector, long hash) {
    int component = (int) Math.floorMod(hash >>> 1, (long) dimension);
    vector[component] += (hash & 1) == 0 ? 1f : -1f;
  }

  private static boolean isZero(float[] vector) {
    for (float v : vector) {
      if (v != 0f) {
        return false;
      }
    }
    return true;
  }

  /** FNV-1a over the UTF-16 units of {@code s[start, end)}, then a 64-bit finalizer. */
  private static long hash(String s, int start, int end) {
    long h = 0xcbf29ce484222325L;
    for (int i = start; i < end; i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
