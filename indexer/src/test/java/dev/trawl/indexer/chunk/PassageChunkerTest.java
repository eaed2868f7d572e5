package dev.trawl.indexer.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class PassageChunkerTest {

  /** Six sentences of exactly five tokens each (four words and a full stop). */
  private static final String[] SIX = {
    "The cat sat down.", "A dog ran off.", "Birds sang all morning.",
    "Rain fell at noon.", "We went back inside.", "Then the sun returned.",
  };

  private static final TokenCounter TOKENS = new TokenCounter();

  private static List<String> texts(List<Passage> passages) {
    return passages.stream().map(Passage::text).toList();
  }

  private static String join(int from, int to) {
    return String.join(" ", List.of(SIX).subList(from, to));
  }

  @Test
  void blankTextGivesNoPassage() {
    PassageChunker chunker = new PassageChunker(ChunkingConfig.defaults());
    assertEquals(List.of(), chunker.chunk(""));
    assertEquals(List.of(), chunker.chunk(" \n\t "));
  }

  @Test
  void shortTextStaysOnePassageTrimmed() {
    String text = "\n  Short text. Two sentences, still well under budget.  \n";
    List<Passage> passages = new PassageChunker(ChunkingConfig.defaults()).chunk(text);
    assertEquals(1, passages.size());
    Passage only = passages.get(0);
    assertEquals(0, only.index());
    assertEquals(text.strip(), only.text());
    assertEquals(text.indexOf('S'), only.start());
    assertEquals(text.lastIndexOf('.') + 1, only.end());
  }

  @Test
  void textOfExactlyMaxTokensStaysWhole() {
    String text = join(0, 3) + " Yes."; // 15 + 2 tokens
    assertEquals(17, TOKENS.count(text));
    assertEquals(List.of(text), texts(new PassageChunker(new ChunkingConfig(17, 0)).chunk(text)));
  }

  @Test
  void longTextSplitsAtSentenceBoundaries() {
    String text = join(0, 6);
    List<Passage> passages = new PassageChunker(new ChunkingConfig(16, 0)).chunk(text);
    assertEquals(List.of(join(0, 3), join(3, 6)), texts(passages));
    assertEquals(0, passages.get(0).start());
    assertEquals(text.indexOf(SIX[3]), passages.get(1).start());
    assertEquals(text.length(), passages.get(1).end());
    assertEquals(List.of(0, 1), passages.stream().map(Passage::index).toList());
  }

  @Test
  void nextPassageRepeatsTrailingSentencesWithinOverlap() {
    String text = join(0, 6);
    // Budget 16: three sentences fit. Overlap 5 carries exactly one sentence over.
    List<Passage> passages = new PassageChunker(new ChunkingConfig(16, 5)).chunk(text);
    assertEquals(List.of(join(0, 3), join(2, 5), join(4, 6)), texts(passages));
    // Overlap 4 is less than any sentence: nothing is repeated.
    assertEquals(List.of(join(0, 3), join(3, 6)), texts(new PassageChunker(new ChunkingConfig(16, 4)).chunk(text)));
    // Budget 21, overlap 10: four sentences fit, two are carried over.
    assertEquals(
        List.of(join(0, 4), join(2, 6)), texts(new PassageChunker(new ChunkingConfig(21, 10)).chunk(text)));
  }

  @Test
  void giantSentenceIsCutAtTokenBoundariesWithTokenOverlap() {
    String giant = IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    List<Passage> passages = new PassageChunker(new ChunkingConfig(16, 4)).chunk(giant);
    assertEquals(List.of(words(0, 16), words(12, 28), words(24, 40)), texts(passages));
  }

  @Test
  void giantSentenceSharesNoPassageWithItsNeighbours() {
    String giant = IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    String text = "Short one here. " + giant + ". Another short one.";
    List<Passage> passages = new PassageChunker(new ChunkingConfig(16, 4)).chunk(text);
    assertEquals(
        List.of("Short one here.", words(0, 16), words(12, 28), words(24, 40), "w36 w37 w38 w39.", "Another short one."),
        texts(passages));
    assertInvariants(text, passages, new ChunkingConfig(16, 4));
  }

  private static String words(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
  }

  @Test
  void randomTextsKeepEveryInvariant(Random random) {
    for (int round = 0; round < 300; round++) {
      int max = 16 + random.nextInt(random.nextBoolean() ? 40 : 400);
      int overlap = random.nextInt((max + 1) / 2);
      if (2 * overlap >= max) {
        overlap = 0;
      }
      ChunkingConfig config = new ChunkingConfig(max, overlap);
      String text = RandomText.generate(random, random.nextInt(random.nextInt(10) == 0 ? 3000 : 300));
      List<Passage> passages = new PassageChunker(config).chunk(text);
      assertInvariants(text, passages, config);
    }
  }

  /** Checks the contract stated on {@link PassageChunker}. */
  static void assertInvariants(String text, List<Passage> passages, ChunkingConfig config) {
    String context = " (config " + config + ", text length " + text.length() + ")";
    if (text.chars().allMatch(c -> TokenCounter.isSpace((char) c))) {
      assertEquals(List.of(), passages, context);
      return;
    }
    if (TOKENS.count(text) <= config.maxTokens()) {
      int start = 0;
      int end = text.length();
      while (TokenCounter.isSpace(text.charAt(start))) {
        start++;
      }
      while (TokenCounter.isSpace(text.charAt(end - 1))) {
        end--;
      }
      assertEquals(List.of(new Passage(0, start, end, text.substring(start, end))), passages, context);
    }
    List<TextSpan> sentences = SentenceSplitter.english().split(text);
    int previousStart = -1;
    int previousEnd = 0;
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      assertEquals(i, p.index(), context);
      assertEquals(text.substring(p.start(), p.end()), p.text(), context);
      assertTrue(!p.text().isEmpty() && !TokenCounter.isSpace(p.text().charAt(0))
          && !TokenCounter.isSpace(p.text().charAt(p.text().length() - 1)), "not trimmed: [" + p.text() + "]" + context);
      assertTrue(p.start() > previousStart && p.end() > previousEnd, "not advancing at passage " + i + context);
      for (int c = previousEnd; c < p.start(); c++) {
        assertTrue(TokenCounter.isSpace(text.charAt(c)), "character " + c + " not covered" + context);
      }
      int tokens = TOKENS.count(p.text());
      assertTrue(tokens <= config.maxTokens(), "passage " + i + " has " + tokens + " tokens" + context);
      if (i > 0 && p.start() < previousEnd) {
        int shared = TOKENS.count(text, p.start(), previousEnd);
        assertTrue(shared <= config.overlapTokens(), "passage " + i + " repeats " + shared + " tokens" + context);
      }
      if (passages.size() > 1) {
        assertOnSentenceBoundaryUnlessInGiant(text, sentences, p, config, context);
      }
      previousStart = p.start();
      previousEnd = p.end();
    }
    for (int c = previousEnd; c < text.length(); c++) {
      assertTrue(TokenCounter.isSpace(text.charAt(c)), "character " + c + " not covered" + context);
    }
  }

  private static void assertOnSentenceBoundaryUnlessInGiant(
      String text, List<TextSpan> sentences, Passage p, ChunkingConfig config, String context) {
    List<Integer> starts = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    for (TextSpan s : sentences) {
      boolean giant = TOKENS.count(text, s.start(), s.end()) > config.maxTokens();
      if (giant ? s.start() <= p.start() && p.start() < s.end() : s.start() == p.start()) {
        starts.add(s.start());
      }
      if (giant ? s.start() < p.end() && p.end() <= s.end() : s.end() == p.end()) {
        ends.add(s.end());
      }
    }
    assertEquals(1, starts.size(), "passage " + p.index() + " does not start on a sentence" + context);
    assertEquals(1, ends.size(), "passage " + p.index() + " does not end on a sentence" + context);
  }
}
