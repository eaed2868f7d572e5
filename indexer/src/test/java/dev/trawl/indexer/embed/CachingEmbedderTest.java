package dev.trawl.indexer.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.testing.SeededRandomExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SeededRandomExtension.class)
class CachingEmbedderTest {

  private static final List<String> TEXTS = List.of("the cat sat", "a dog ran", "rain fell at noon");

  @TempDir Path folder;

  private final HashingEmbedder reference = new HashingEmbedder(16);

  @Test
  void secondCallIsAnsweredFromTheCache() {
    CountingEmbedder counting = new CountingEmbedder(reference);
    try (CachingEmbedder embedder = CachingEmbedder.open(counting, folder)) {
      assertEquals(reference.id(), embedder.id());
      assertEquals(16, embedder.dimension());
      List<float[]> first = embedder.embedDocuments(TEXTS);
      assertEquals(3, counting.documents.get());
      assertEquals(0, embedder.hits());
      assertEquals(3, embedder.misses());

      List<float[]> second = embedder.embedDocuments(TEXTS);
      assertEquals(3, counting.documents.get(), "the wrapped embedder was called again");
      assertEquals(3, embedder.hits());
      assertEquals(3, embedder.misses());
      for (int i = 0; i < TEXTS.size(); i++) {
        assertArrayEquals(first.get(i), second.get(i));
        assertArrayEquals(reference.embedDocuments(List.of(TEXTS.get(i))).get(0), second.get(i));
      }
    }
  }

  @Test
  void embedsOnlyTheMissingDistinctTexts() {
    CountingEmbedder counting = new CountingEmbedder(reference);
    try (CachingEmbedder embedder = CachingEmbedder.open(counting, folder)) {
      embedder.embedDocuments(List.of("the cat sat"));
      List<float[]> vectors = embedder.embedDocuments(List.of("new text", "the cat sat", "new text"));
      assertEquals(2, counting.documents.get());
      assertArrayEquals(vectors.get(0), vectors.get(2));
      assertEquals(1, embedder.hits());
      assertEquals(3, embedder.misses());
    }
  }

  @Test
  void persistsAcrossReopening() {
    List<float[]> first;
    try (CachingEmbedder embedder = CachingEmbedder.open(reference, folder)) {
      first = embedder.embedDocuments(TEXTS);
    }
    CountingEmbedder counting = new CountingEmbedder(reference);
    try (CachingEmbedder embedder = CachingEmbedder.open(counting, folder)) {
      List<float[]> again = embedder.embedDocuments(TEXTS);
      assertEquals(0, counting.documents.get());
      assertEquals(3, embedder.hits());
      for (int i = 0; i < TEXTS.size(); i++) {
        assertArrayEquals(first.get(i), again.get(i));
      }
    }
  }

  @Test
  void vectorsAreFlushedWhenTheCallReturns() {
    CachingEmbedder embedder = CachingEmbedder.open(reference, folder);
    embedder.embedDocuments(TEXTS);
    // Simulate a process that dies without close: a fresh reader of the file sees the entries.
    long size = embedder.cache().file().toFile().length();
    assertEquals(8 + 4 + 4 + reference.id().length() + 3L * (32 + 16 * 4 + 4), size);
    embedder.close();
  }

  @Test
  void queriesAreKeptInMemoryOnly() {
    CountingEmbedder counting = new CountingEmbedder(reference);
    try (CachingEmbedder embedder = CachingEmbedder.open(counting, folder)) {
      float[] q = embedder.embedQuery("cats");
      assertArrayEquals(q, embedder.embedQuery("cats"));
      List<float[]> both = embedder.embedQueries(List.of("dogs", "cats", "dogs"));
      assertEquals(2, counting.queries.get());
      assertArrayEquals(q, both.get(1));
      assertArrayEquals(both.get(0), both.get(2));
      assertEquals(0, embedder.cache().size());
    }
  }

  @Test
  void refusesACacheOfAnotherEmbedder() {
    try (EmbeddingCache cache = EmbeddingCache.open(folder, "other", 16)) {
      assertThrows(IllegalArgumentException.class, () -> new CachingEmbedder(reference, cache));
    }
  }

  @Test
  void closesTheWrappedEmbedder() {
    CountingEmbedder counting = new CountingEmbedder(reference);
    CachingEmbedder.open(counting, folder).close();
    assertEquals(1, counting.closes.get());
  }

  @Test
  void concurrentCallersGetTheWrappedEmbeddersVectors(Random random) throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      texts.add("text number " + random.nextInt(30));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "caching-embedder-test"));
    try (CachingEmbedder embedder = CachingEmbedder.open(reference, folder)) {
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int from = random.nextInt(25);
        List<String> slice = texts.subList(from, from + 25);
        futures.add(pool.submit(() -> embedder.embedDocuments(slice)));
        futures.add(pool.submit(() -> embedder.embedQueries(slice)));
      }
      for (Future<List<float[]>> future : futures) {
        future.get();
      }
      List<float[]> all = embedder.embedDocuments(texts);
      List<float[]> expected = reference.embedDocuments(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(expected.get(i), all.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
