package dev.trawl.bench.scale;

import java.util.SplittableRandom;

/**
 * Seeded synthetic English-like text whose word frequencies follow Zipf's law
 * ({@code P(rank r) ~ 1 / r^s}), so term statistics (a few very common terms, a long tail,
 * vocabulary growing sub-linearly with corpus size, as Heaps' law says) resemble real text.
 * The 33 most frequent words are English stop words; the others are pronounceable letter strings
 * made from syllables, distinct per rank; sentences are
 * 6-24 words ending in a full stop, so Trawl's sentence splitter sees ordinary sentences.
 *
 * <p>Not thread-safe: one instance per thread (or per seed).
 */
public final class ZipfianText {
  private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v",
      "z", "br", "ch", "st", "tr"};
  private static final String[] NUCLEI = {"a", "e", "i", "o", "u", "ai", "ou"};
  /**
   * The most frequent ranks are English stop words (those Lucene's EnglishAnalyzer removes), as in
   * real text, where they are about a third of all tokens; the rest are made-up words.
   */
  private static final String[] STOP_WORDS = {"the", "of", "and", "a", "to", "in", "is", "that", "it", "for", "was",
      "on", "as", "with", "be", "by", "at", "this", "are", "or", "not", "but", "if", "no", "such", "into", "their",
      "then", "there", "these", "they", "will", "an"};

  private final String[] words;
  private final double[] cumulative;
  private final SplittableRandom random;

  /**
   * @param vocabulary number of distinct words
   * @param exponent Zipf exponent {@code s} (about 1 for English)
   */
  public ZipfianText(int vocabulary, double exponent, long seed) {
    this.words = new String[vocabulary];
    this.cumulative = new double[vocabulary];
    double sum = 0;
    for (int r = 0; r < vocabulary; r++) {
      words[r] = r < STOP_WORDS.length ? STOP_WORDS[r] : word(r - STOP_WORDS.length);
      sum += 1.0 / Math.pow(r + 1, exponent);
      cumulative[r] = sum;
    }
    for (int r = 0; r < vocabulary; r++) {
      cumulative[r] /= sum;
    }
    this.random = new SplittableRandom(seed);
  }

  /** The word of frequency rank {@code r} (0 = most frequent): a bijective syllable spelling of r. */
  static String word(int r) {
    StringBuilder b = new StringBuilder();
    int n = r;
    do {
      int syllable = n % (ONSETS.length * NUCLEI.length);
      b.append(ONSETS[syllable / NUCLEI.length]).append(NUCLEI[syllable % NUCLEI.length]);
      n = n / (ONSETS.length * NUCLEI.length) - 1;
    } while (n >= 0);
    return b.toString();
  }

  /** One word drawn by frequency. */
  public String nextWord() {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return words[lo];
  }

  /** About {@code approxWords} words in sentences of 6-24 words. */
  public String text(int approxWords) {
    StringBuilder b = new StringBuilder(approxWords * 7);
    int written = 0;
    while (written < approxWords) {
      int len = 6 + random.nextInt(19);
      for (int i = 0; i < len; i++) {
        String w = nextWord();
        if (i == 0) {
          b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        } else {
          b.append(' ').append(w);
        }
      }
      b.append(". ");
      written += len;
    }
    return b.toString().trim();
  }

  /** A query of {@code n} words drawn by frequency (so common and rare terms mix as in real queries). */
  public String query(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(nextWord());
    }
    return b.toString();
  }

  /** A uniform integer in {@code [from, to]}, from this generator's stream. */
  public int nextInt(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }
}
