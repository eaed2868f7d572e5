package dev.trawl.indexer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {
  private final Analyzer analyzer = TextAnalysis.englishAnalyzer();

  private List<String> terms(String text) {
    return TextAnalysis.terms(analyzer, "contents", text);
  }

  @Test
  void lowercasesStemsAndDropsStopWords() {
    assertEquals(List.of("databas", "failov", "replica", "promot"),
        terms("The Database failovers: replicas are promoted"));
  }

  @Test
  void removesPossessivesAndSplitsOnPunctuation() {
    assertEquals(List.of("priya", "runbook", "v2", "api"), terms("Priya's runbook (v2) -- API!"));
  }

  @Test
  void keepsNumbersAndIndexesIdeographsAsUnigrams() {
    // StandardTokenizer (UAX#29) emits each CJK ideograph as its own token.
    assertEquals(List.of("2026", "03", "04", "検", "索"), terms("2026-03-04 検索"));
  }

  @Test
  void nothingIndexableGivesNoTerms() {
    assertEquals(List.of(), terms("the and of ... !!! ???"));
  }
}
