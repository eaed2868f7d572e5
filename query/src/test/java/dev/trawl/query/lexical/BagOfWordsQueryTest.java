package dev.trawl.query.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import java.util.Map;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

class BagOfWordsQueryTest {
  private final org.apache.lucene.analysis.Analyzer analyzer = TextAnalysis.englishAnalyzer();

  @Test
  void stemsDropsStopWordsAndCountsRepeats() {
    Map<String, Integer> counts = BagOfWordsQuery.termCounts(analyzer, "contents",
        "The running runners ran: running is fun");
    // "the", "is" are stop words; running/runners -> run/runner (Porter)
    assertEquals(Map.of("run", 2, "runner", 1, "ran", 1, "fun", 1), counts);
  }

  @Test
  void querySyntaxCharactersAreText() {
    var q = BagOfWordsQuery.build(analyzer, "contents", "+foo -bar \"baz\" title:(x OR y) a* b? c~2 \\ / [1 TO 5]");
    assertTrue(q instanceof BooleanQuery);
  }

  @Test
  void onlyStopWordsOrPunctuationGiveNoQuery() {
    assertNull(BagOfWordsQuery.build(analyzer, "contents", "the of and"));
    assertNull(BagOfWordsQuery.build(analyzer, "contents", "?!()+-\"\\/ :: ~~"));
    assertNull(BagOfWordsQuery.build(analyzer, "contents", ""));
  }

  @Test
  void hugeQueryIsCappedBelowTheClauseLimit() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("term").append(i).append(' ');
    }
    var q = (BooleanQuery) BagOfWordsQuery.build(analyzer, "contents", sb.toString());
    assertEquals(BagOfWordsQuery.MAX_TERMS, q.clauses().size());
  }
}
