package dev.trawl.query.lexical;

import dev.trawl.indexer.analysis.TextAnalysis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns free text into a BM25 query without any query syntax: the text is analyzed like the
 * indexed field and each distinct term becomes an optional clause boosted by its count in
 * the query (Anserini's bag-of-words generator). Characters such as {@code + - " : ( ) * ? ~ \ /}
 * are ordinary text, so no input can cause a parse error.
 *
 * <p>At most {@link #MAX_TERMS} distinct terms are kept (the first ones in the text), so a huge
 * query cannot exceed Lucene's clause limit.
 */
public final class BagOfWordsQuery {
  public static final int MAX_TERMS = 512;

  private BagOfWordsQuery() {}

  /** The distinct analyzed terms of {@code text} with their counts, in first-seen order, capped. */
  public static Map<String, Integer> termCounts(Analyzer analyzer, String field, String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> terms = TextAnalysis.terms(analyzer, field, text);
    for (String t : terms) {
      if (counts.size() >= MAX_TERMS && !counts.containsKey(t)) {
        continue;
      }
      counts.merge(t, 1, Integer::sum);
    }
    return counts;
  }

  /** The query, or null when the text has no indexable term (e.g. only stop words or punctuation). */
  public static Query build(Analyzer analyzer, String field, String text) {
    Map<String, Integer> counts = termCounts(analyzer, field, text);
    if (counts.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts.forEach((term, n) -> {
      Query q = new TermQuery(new Term(field, term));
      b.add(n == 1 ? q : new BoostQuery(q, n), BooleanClause.Occur.SHOULD);
    });
    return b.build();
  }
}
