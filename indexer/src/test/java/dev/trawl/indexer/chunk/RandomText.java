package dev.trawl.indexer.chunk;

import java.util.Random;

/** Generates messy English-like text for randomized chunking tests. */
final class RandomText {

  private static final String[] WORDS = {
    "the", "a", "cat", "sat", "on", "mat", "harbour", "ferry", "doesn't", "NF-kappaB", "24.7",
    "Dr.", "e.g.", "U.S.", "café", "東京", "naïve", "x", "I", "(", ")", ",", ";", ":", "\"", "--",
    "well-known", "1,204", "p.m.", "Mr.", "\uD83D\uDE00", "a\u0301", "it's", "—", "%", "...",
  };
  private static final String[] ENDS = {".", "?", "!", ".", ".", "", "..."};
  private static final String[] GAPS = {" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00A0", " \r\n"};

  private RandomText() {}

  /** About {@code words} words in sentences of random length, some very long, some unterminated. */
  static String generate(Random random, int words) {
    StringBuilder text = new StringBuilder();
    if (random.nextInt(4) == 0) {
      text.append(GAPS[random.nextInt(GAPS.length)]);
    }
    int sentenceLength = 0;
    int target = nextSentenceLength(random);
    for (int i = 0; i < words; i++) {
      if (sentenceLength > 0) {
        text.append(GAPS[random.nextInt(GAPS.length)]);
      }
      String word = WORDS[random.nextInt(WORDS.length)];
      if (sentenceLength == 0 && random.nextBoolean()) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      text.append(word);
      if (++sentenceLength >= target) {
        text.append(ENDS[random.nextInt(ENDS.length)]);
        sentenceLength = 0;
        target = nextSentenceLength(random);
      }
    }
    if (random.nextInt(4) == 0) {
      text.append(GAPS[random.nextInt(GAPS.length)]);
    }
    return text.toString();
  }

  private static int nextSentenceLength(Random random) {
    return random.nextInt(10) == 0 ? 20 + random.nextInt(200) : 1 + random.nextInt(25);
  }
}
