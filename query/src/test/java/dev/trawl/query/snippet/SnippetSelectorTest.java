package dev.trawl.query.snippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.query.TokenEstimate;
import org.junit.jupiter.api.Test;

class SnippetSelectorTest {
  private final SnippetSelector selector = new SnippetSelector(TextAnalysis.englishAnalyzer(), "contents");

  @Test
  void shortPassageIsReturnedWhole() {
    Snippet s = selector.select("Short text here.", selector.queryTerms("text"), 50);
    assertEquals("Short text here.", s.text());
    assertEquals(0, s.start());
  }

  @Test
  void picksTheSentencesWithTheQueryTermsWithinBudget() {
    String passage = "Alpha beta gamma delta epsilon. ".repeat(10)
        + "The database failover takes ninety seconds. "
        + "Zeta eta theta iota kappa. ".repeat(10);
    Snippet s = selector.select(passage, selector.queryTerms("database failover"), 15);
    assertTrue(s.text().contains("database failover"), s.text());
    assertTrue(TokenEstimate.of(s.text()) <= 15, "over budget: " + s.text());
    assertTrue(s.text().startsWith("…"));
    assertEquals("The database failover takes ninety seconds.", passage.substring(s.start(), s.end()));
  }

  @Test
  void oneSentenceOverBudgetIsCutAtAWord() {
    String passage = "word ".repeat(200).trim() + ".";
    Snippet s = selector.select(passage, selector.queryTerms("word"), 10);
    assertTrue(TokenEstimate.of(s.text()) <= 10, s.text());
    assertTrue(s.text().endsWith("word…"), s.text());
  }

  @Test
  void zeroBudgetMeansNoSnippet() {
    assertEquals("", selector.select("anything at all", selector.queryTerms("anything"), 0).text());
  }
}
