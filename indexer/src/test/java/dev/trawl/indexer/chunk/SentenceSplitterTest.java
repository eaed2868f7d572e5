package dev.trawl.indexer.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class SentenceSplitterTest {

  private final SentenceSplitter splitter = SentenceSplitter.english();

  private List<String> sentences(String text) {
    return splitter.split(text).stream().map(s -> s.of(text)).toList();
  }

  @Test
  void splitsPlainProse() {
    assertEquals(
        List.of("The ferry was late.", "Nobody minded much.", "Was it the fog?"),
        sentences("  The ferry was late. Nobody minded much.\n\nWas it the fog?  "));
  }

  @Test
  void keepsCommonAbbreviationsInsideASentence() {
    assertEquals(
        List.of("Dr. Smith arrived on Monday.", "He left soon after."),
        sentences("Dr. Smith arrived on Monday. He left soon after."));
  }

  @Test
  void blankTextHasNoSentences() {
    assertEquals(List.of(), splitter.split(""));
    assertEquals(List.of(), splitter.split(" \n "));
  }

  @Test
  void spansCoverAllNonWhitespaceInOrder(Random random) {
    for (int round = 0; round < 200; round++) {
      String text = RandomText.generate(random, random.nextInt(400));
      assertCovers(text, splitter.split(text));
    }
  }

  @Test
  void isSafeToShareBetweenThreads(Random random) throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      texts.add(RandomText.generate(random, 50 + random.nextInt(300)));
    }
    List<List<TextSpan>> expected = texts.stream().map(splitter::split).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "sentence-splitter-test"));
    try {
      List<Future<List<TextSpan>>> futures = new ArrayList<>();
      for (int repeat = 0; repeat < 4; repeat++) {
        for (String text : texts) {
          futures.add(pool.submit(() -> splitter.split(text)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(expected.get(i % texts.size()), futures.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertCovers(String text, List<TextSpan> spans) {
    int previousEnd = 0;
    for (TextSpan span : spans) {
      assertTrue(span.start() >= previousEnd, "spans overlap or are out of order: " + spans);
      assertTrue(span.length() > 0);
      for (int i = previousEnd; i < span.start(); i++) {
        assertTrue(TokenCounter.isSpace(text.charAt(i)), "uncovered non-space at " + i + " in: " + text);
      }
      assertTrue(!TokenCounter.isSpace(text.charAt(span.start())) && !TokenCounter.isSpace(text.charAt(span.end() - 1)));
      previousEnd = span.end();
    }
    for (int i = previousEnd; i < text.length(); i++) {
      assertTrue(TokenCounter.isSpace(text.charAt(i)), "uncovered non-space at " + i + " in: " + text);
    }
  }
}
