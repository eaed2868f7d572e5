package dev.trawl.indexer.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the real model once for the class (about 2 s) and checks what the index relies on. */
class BgeSmallEmbedderTest {

  private static BgeSmallEmbedder embedder;

  @BeforeAll
  static void loadModel() {
    embedder = new BgeSmallEmbedder(2);
  }

  @AfterAll
  static void close() {
    if (embedder != null) {
      embedder.close();
    }
  }

  @Test
  void idAndDimension() {
    assertEquals("bge-small-en-v1.5-q", embedder.id());
    assertEquals(384, embedder.dimension());
    assertEquals(384, embedder.embedQuery("hello").length);
  }

  @Test
  void vectorsAreUnitLength() {
    List<float[]> vectors = embedder.embedDocuments(List.of("A short passage.", "Another, rather longer passage about nothing."));
    for (float[] v : vectors) {
      assertEquals(384, v.length);
      assertEquals(1.0, HashingEmbedderTest.dot(v, v), 1e-5);
    }
  }

  @Test
  void queryAboutCatsIsCloserToThePassageAboutCats() {
    float[] query = embedder.embedQuery("how much do cats sleep");
    List<float[]> passages = embedder.embedDocuments(List.of(
        "Domestic cats sleep for twelve to sixteen hours a day, mostly in short naps.",
        "Tax law requires companies to file their corporate returns before the end of the fiscal year."));
    double cats = HashingEmbedderTest.dot(query, passages.get(0));
    double tax = HashingEmbedderTest.dot(query, passages.get(1));
    assertTrue(cats > tax + 0.1, "cats " + cats + " vs tax " + tax);
  }

  @Test
  void queriesCarryTheRetrievalInstruction() {
    String text = "where do penguins live";
    float[] asQuery = embedder.embedQuery(text);
    float[] asDocument = embedder.embedDocuments(List.of(text)).get(0);
    assertTrue(HashingEmbedderTest.dot(asQuery, asDocument) < 0.999, "the prefix did not change the vector");
    float[] prefixedDocument = embedder.embedDocuments(List.of(BgeSmallEmbedder.QUERY_INSTRUCTION + text)).get(0);
    assertArrayEquals(prefixedDocument, asQuery, 1e-5f);
  }

  @Test
  void batchingDoesNotChangeVectors() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      texts.add("Passage number " + i + " talks about topic " + (i * 7 % 5) + ".");
    }
    List<float[]> batched = embedder.embedDocuments(texts);
    assertEquals(texts.size(), batched.size());
    try (BgeSmallEmbedder oneByOne = new BgeSmallEmbedder(1)) {
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(oneByOne.embedDocuments(List.of(texts.get(i))).get(0), batched.get(i), 1e-5f);
      }
    }
  }

  /**
   * Collections and embedding caches built with langchain4j's own model class must stay valid:
   * the direct ONNX path gives the same vectors, including for a text longer than the model's 512
   * positions (which both hand to langchain4j's split-and-average) and for punctuation, digits,
   * accents and mixed case, which go through the tokenizer's normaliser.
   */
  @Test
  void vectorsEqualLangchain4jsModel() {
    StringBuilder longText = new StringBuilder();
    for (int i = 0; longText.length() < 4000; i++) {
      longText.append("Sentence ").append(i).append(" of a long passage about glacier retreat and sea level. ");
    }
    List<String> texts = List.of(
        "Domestic cats sleep for twelve to sixteen hours a day.",
        "Naïve Bayes (NB) can't beat BERT-base on GLUE: 71.2% vs 79.6%!",
        "I think I typed my login into a fake website, what now",
        longText.toString());
    assertTrue(BgeOnnxModel.shared().tokenCount(longText.toString()) > BgeOnnxModel.MAX_TOKENS);
    var reference = new dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);
    List<float[]> ours = embedder.embedDocuments(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] expected = UnitVectors.normalize(reference.embed(texts.get(i)).content().vector());
      assertArrayEquals(expected, ours.get(i), 1e-5f, "text " + i);
    }
    float[] query = UnitVectors.normalize(reference.embed(BgeSmallEmbedder.QUERY_INSTRUCTION + texts.get(2)).content().vector());
    assertArrayEquals(query, embedder.embedQuery(texts.get(2)), 1e-5f);
  }

  @Test
  void batchesRunOnNamedThreads() {
    embedder.embedDocuments(List.of("one", "two", "three", "four"));
    assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("trawl-embed-")));
  }

  @Test
  void blankTextIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> embedder.embedDocuments(List.of("fine", "  ")));
    assertThrows(IllegalArgumentException.class, () -> embedder.embedQuery(""));
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new BgeSmallEmbedder(0));
  }

  /**
   * DJL connects with {@code Proxy.NO_PROXY}, so a proxy selector cannot fence it; instead this
   * checks the switches DJL reads before each network path, and that its once-a-day telemetry
   * (which records when it last ran) never ran in this JVM, although the tokenizer was created.
   */
  @Test
  void djlIsKeptOffTheNetwork() throws ReflectiveOperationException {
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    // Offline mode is also what makes DJL take the CPU tokenizer from the jar on a GPU machine.
    assertTrue(ai.djl.util.Utils.isOfflineMode());
    Field lastCheckIn = ai.djl.util.Ec2Utils.class.getDeclaredField("lastCheckIn");
    lastCheckIn.setAccessible(true);
    assertEquals(0L, lastCheckIn.getLong(null), "DJL telemetry ran");
  }

  /**
   * {@link NativeLibraryFolder} finds the folder ONNX Runtime extracted into, so it can remove it
   * at exit; if a new binding renames its private field this fails instead of silently leaving
   * one empty folder per process in the temp folder again.
   */
  @Test
  void onnxRuntimeExtractionFolderIsFound() {
    embedder.embedQuery("warm up the model");
    java.nio.file.Path folder = NativeLibraryFolder.extractedFolder();
    assertTrue(folder != null && folder.getFileName().toString().startsWith("onnxruntime-java"),
        "ONNX Runtime's extraction folder not found: " + folder);
  }
}
