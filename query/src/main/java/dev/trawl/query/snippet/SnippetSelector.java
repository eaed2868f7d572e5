package dev.trawl.query.snippet;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.query.TokenEstimate;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Picks the most query-relevant window of a passage under a token budget.
 *
 * <p>A passage that fits the budget is returned whole. Otherwise the passage is split into
 * sentences, and the window of consecutive sentences that fits the budget and covers the most
 * distinct query terms (ties: more term occurrences, then the earliest) is returned; a window
 * that starts or ends inside the passage is marked with "…". A single sentence longer than the
 * budget is cut at a word boundary. Thread-safe.
 */
public final class SnippetSelector {
  private static final String ELLIPSIS = "…";
  private final Analyzer analyzer;
  private final String field;

  public SnippetSelector(Analyzer analyzer, String field) {
    this.analyzer = analyzer;
    this.field = field;
  }

  /** The analyzed query terms to highlight-match against. */
  public Set<String> queryTerms(String query) {
    return new HashSet<>(TextAnalysis.terms(analyzer, field, query));
  }

  public Snippet select(String passage, Set<String> queryTerms, int maxTokens) {
    if (maxTokens <= 0 || passage.isEmpty()) {
      return new Snippet("", 0, 0);
    }
    if (TokenEstimate.of(passage) <= maxTokens) {
      return new Snippet(passage, 0, passage.length());
    }
    int budget = TokenEstimate.chars(maxTokens) - 2 * ELLIPSIS.length();
    List<int[]> sentences = sentences(passage);
    int[] matches = new int[sentences.size()];
    List<Set<String>> termSets = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      int[] s = sentences.get(i);
      List<String> terms = TextAnalysis.terms(analyzer, field, passage.substring(s[0], s[1]));
      Set<String> hit = new HashSet<>();
      for (String t : terms) {
        if (queryTerms.contains(t)) {
          hit.add(t);
          matches[i]++;
        }
      }
      termSets.add(hit);
    }
    int bestStart = 0;
    int bestEnd = 0;
    int bestDistinct = -1;
    int bestOccurrences = -1;
    for (int i = 0; i < sentences.size(); i++) {
      Set<String> covered = new HashSet<>();
      int occurrences = 0;
      int j = i;
      while (j < sentences.size() && sentences.get(j)[1] - sentences.get(i)[0] <= budget) {
        covered.addAll(termSets.get(j));
        occurrences += matches[j];
        j++;
      }
      if (j == i) {
        j = i + 1; // a single sentence over budget: take it, cut below
        covered.addAll(termSets.get(i));
        occurrences += matches[i];
      }
      if (covered.size() > bestDistinct || (covered.size() == bestDistinct && occurrences > bestOccurrences)) {
        bestDistinct = covered.size();
        bestOccurrences = occurrences;
        bestStart = sentences.get(i)[0];
        bestEnd = sentences.get(j - 1)[1];
      }
    }
    if (bestEnd - bestStart > budget) {
      bestEnd = cutAtWord(passage, bestStart, bestStart + budget);
    }
    StringBuilder sb = new StringBuilder();
    if (bestStart > 0) {
      sb.append(ELLIPSIS);
    }
    sb.append(passage, bestStart, bestEnd);
    if (bestEnd < passage.length()) {
      sb.append(ELLIPSIS);
    }
    return new Snippet(sb.toString(), bestStart, bestEnd);
  }

  private static int cutAtWord(String text, int start, int limit) {
    int cut = limit;
    while (cut > start && !Character.isWhitespace(text.charAt(cut))) {
      cut--;
    }
    if (cut == start) {
      cut = limit;
    }
    while (cut > start && Character.isWhitespace(text.charAt(cut - 1))) {
      cut--;
    }
    return cut;
  }

  private static List<int[]> sentences(String text) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    List<int[]> out = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      int s = start;
      int e = end;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (e > s) {
        out.add(new int[] {s, e});
      }
    }
    return out;
  }
}
