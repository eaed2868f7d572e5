package dev.trawl.indexer.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {

  private final HashingEmbedder embedder = new HashingEmbedder(64);

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  @Test
  void idAndDimension() {
    assertEquals("hashing-test-64", embedder.id());
    assertEquals(64, embedder.dimension());
    assertThrows(IllegalArgumentException.class, () -> new HashingEmbedder(0));
  }

  @Test
  void vectorsAreUnitLengthAndDeterministic() {
    List<String> texts = List.of("The cat sat on the mat.", "?!", "Ünïcode wörds 東京");
    List<float[]> first = embedder.embedDocuments(texts);
    List<float[]> again = new HashingEmbedder(64).embedDocuments(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(64, first.get(i).length);
      assertEquals(1.0, dot(first.get(i), first.get(i)), 1e-5);
      assertArrayEquals(first.get(i), again.get(i));
    }
  }

  @Test
  void vectorsDoNotDependOnThePlatform() {
    // Pinned: one word, so exactly one component is +-1.
    float[] v = new HashingEmbedder(8).embedQuery("cat");
    int nonZero = 0;
    for (float x : v) {
      nonZero += x != 0 ? 1 : 0;
    }
    assertEquals(1, nonZero);
    assertArrayEquals(new HashingEmbedder(8).embedQuery("CAT!"), v);
  }

  @Test
  void sharedWordsMakeTextsSimilar() {
    float[] query = embedder.embedQuery("cats sleeping in the sun");
    float[] cats = embedder.embedDocuments(List.of("Most cats spend the afternoon sleeping in warm sun.")).get(0);
    float[] tax = embedder.embedDocuments(List.of("Corporate income tax law changed twice this year.")).get(0);
    assertTrue(dot(query, cats) > dot(query, tax) + 0.2, dot(query, cats) + " vs " + dot(query, tax));
  }

  @Test
  void queriesAreEmbeddedLikeDocuments() {
    assertArrayEquals(embedder.embedDocuments(List.of("same text")).get(0), embedder.embedQuery("same text"));
  }

  @Test
  void blankTextIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> embedder.embedDocuments(List.of("ok", " ")));
  }
}
