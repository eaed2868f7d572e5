package dev.trawl.indexer.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededRandomExtension.class)
class EmbeddingCacheTest {

  private static final int DIM = 8;
  /** Bytes per record at {@link #DIM}: key, vector, checksum. */
  private static final int RECORD = 32 + 4 * DIM + 4;

  @TempDir Path folder;

  private static float[] vector(Random random) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = random.nextFloat() - 0.5f;
    }
    return v;
  }

  private EmbeddingCache open() {
    return EmbeddingCache.open(folder, "test-model", DIM);
  }

  @Test
  void returnsWhatWasPutAndNothingElse(Random random) {
    try (EmbeddingCache cache = open()) {
      float[] v = vector(random);
      cache.put("alpha", v);
      assertArrayEquals(v, cache.get("alpha"));
      assertNull(cache.get("beta"));
      cache.flush();
      assertArrayEquals(v, cache.get("alpha"));
      assertEquals(1, cache.size());
    }
  }

  @Test
  void keepsTheFirstVectorOfAText(Random random) {
    try (EmbeddingCache cache = open()) {
      float[] first = vector(random);
      cache.put("alpha", first);
      cache.put("alpha", vector(random));
      cache.flush();
      cache.put("alpha", vector(random));
      assertArrayEquals(first, cache.get("alpha"));
      assertEquals(1, cache.size());
    }
  }

  @Test
  void survivesReopening(Random random) {
    List<float[]> vectors = new ArrayList<>();
    try (EmbeddingCache cache = open()) {
      for (int i = 0; i < 100; i++) {
        vectors.add(vector(random));
        cache.put("text " + i, vectors.get(i));
        if (i % 30 == 0) {
          cache.flush();
        }
      }
    } // close flushes the rest
    try (EmbeddingCache cache = open()) {
      assertEquals(100, cache.size());
      assertEquals(0, cache.droppedBytesAtOpen());
      for (int i = 0; i < 100; i++) {
        assertArrayEquals(vectors.get(i), cache.get("text " + i));
      }
    }
  }

  @Test
  void dropsATruncatedTailAndAppendsAfterTheLastGoodRecord(Random random) throws IOException {
    List<float[]> vectors = new ArrayList<>();
    Path file;
    try (EmbeddingCache cache = open()) {
      file = cache.file();
      for (int i = 0; i < 5; i++) {
        vectors.add(vector(random));
        cache.put("text " + i, vectors.get(i));
        cache.flush(); // one record per flush: file order is put order
      }
    }
    long cut = 1 + random.nextInt(RECORD - 1); // a crash left part of the last record
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - cut);
    }
    float[] later = vector(random);
    try (EmbeddingCache cache = open()) {
      assertEquals(RECORD - cut, cache.droppedBytesAtOpen());
      assertEquals(4, cache.size());
      assertNull(cache.get("text 4"));
      assertArrayEquals(vectors.get(3), cache.get("text 3"));
      cache.put("later", later);
    }
    try (EmbeddingCache cache = open()) {
      assertEquals(0, cache.droppedBytesAtOpen());
      assertEquals(5, cache.size());
      assertArrayEquals(later, cache.get("later"));
      assertArrayEquals(vectors.get(0), cache.get("text 0"));
    }
  }

  @Test
  void dropsACorruptTailRecord(Random random) throws IOException {
    Path file;
    try (EmbeddingCache cache = open()) {
      file = cache.file();
      cache.put("a", vector(random));
      cache.flush();
      cache.put("b", vector(random));
    }
    // A machine crash can leave a full-length record of garbage: flip one byte of the last one.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long at = raf.length() - 1 - random.nextInt(RECORD);
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x10);
    }
    try (EmbeddingCache cache = open()) {
      assertEquals(RECORD, cache.droppedBytesAtOpen());
      assertEquals(1, cache.size());
      assertNull(cache.get("b"));
    }
  }

  @Test
  void recoversFromAHeaderCutShort() throws IOException {
    Path file;
    try (EmbeddingCache cache = open()) {
      file = cache.file();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(5);
    }
    try (EmbeddingCache cache = open()) {
      assertEquals(0, cache.size());
      cache.put("x", new float[DIM]);
    }
    try (EmbeddingCache cache = open()) {
      assertEquals(1, cache.size());
    }
  }

  @Test
  void refusesAnotherEmbeddersFile() throws IOException {
    Path file;
    try (EmbeddingCache cache = open()) {
      file = cache.file();
    }
    Files.copy(file, folder.resolve("embeddings-other.bin"));
    var e = assertThrows(IllegalStateException.class, () -> EmbeddingCache.open(folder, "other", DIM));
    assertTrue(e.getMessage().contains("caches embedder test-model (8 dimensions), not other (8 dimensions)"), e.getMessage());
    Files.writeString(folder.resolve("embeddings-junk.bin"), "definitely not a cache file");
    assertThrows(IllegalStateException.class, () -> EmbeddingCache.open(folder, "junk", DIM));
  }

  @Test
  void refusesASecondOpenOfTheSameFile() {
    try (EmbeddingCache cache = open()) {
      var e = assertThrows(IllegalStateException.class, this::open);
      assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }
    open().close(); // released on close
  }

  @Test
  void rejectsVectorsOfTheWrongDimension() {
    try (EmbeddingCache cache = open()) {
      assertThrows(IllegalArgumentException.class, () -> cache.put("x", new float[DIM + 1]));
    }
  }

  @Test
  void concurrentPutsAndGetsAgree(Random random) throws Exception {
    int threads = 4;
    int perThread = 200;
    long seed = random.nextLong();
    try (EmbeddingCache cache = open()) {
      List<Thread> workers = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread worker = new Thread(() -> {
          try {
            for (int i = 0; i < perThread; i++) {
              int n = (i * 7 + id) % (perThread / 2); // threads share texts
              float[] v = vector(new Random(seed + n));
              cache.put("text " + n, v);
              if (i % 17 == 0) {
                cache.flush();
              }
              assertArrayEquals(v, cache.get("text " + n));
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "cache-test-" + t);
        workers.add(worker);
        worker.start();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      assertEquals(List.of(), failures);
      assertEquals(perThread / 2, cache.size());
    }
    try (EmbeddingCache cache = open()) {
      assertEquals(perThread / 2, cache.size());
      assertEquals(folder.resolve("embeddings-test-model.bin"), cache.file());
      assertEquals(Files.size(cache.file()), headerBytes() + (long) RECORD * (perThread / 2));
    }
  }

  private static long headerBytes() {
    return 8 + 4 + 4 + "test-model".length();
  }
}
