package dev.trawl.indexer.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis chain of Trawl's BM25 fields: Lucene's {@link EnglishAnalyzer} (standard
 * tokenizer, possessive removal, lower-casing, English stop words, Porter stemming), the
 * same chain Anserini uses for its BEIR baselines.
 *
 * <p>The {@link #NAME} is recorded in each collection's manifest; a collection is only opened
 * with the analysis it was built with. Instances of {@link Analyzer} are thread-safe.
 */
public final class TextAnalysis {
  /** Identifier written to the manifest. Change it whenever the chain changes. */
  public static final String NAME = "english-porter-v1";

  private TextAnalysis() {}

  /** A new analyzer for the BM25 fields. */
  public static Analyzer englishAnalyzer() {
    return new EnglishAnalyzer();
  }

  /** The analyzed terms of {@code text} in order, as the index would see them. */
  public static List<String> terms(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
