package dev.trawl.query.filter;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The nearest spelling of a mistyped field name or value among candidates, for "did you mean"
 * in notices: the same letters in another case first, then one edit away, then two (one edit for
 * names of three or four characters, two from five on, none under three, where every short value
 * is "near"), with transpositions counting as one edit. Uses Lucene's Levenshtein automata, as its fuzzy query
 * does, so values are found by intersecting the automaton with a field's terms, not by scanning
 * them. Stateless.
 */
final class Suggestion {
  private Suggestion() {}

  /** Most candidate terms {@link #nearestTerm} offers to its predicate (each may cost a query). */
  static final int MAX_TERMS_TRIED = 64;

  /** Most edits a suggestion for {@code typo} may be away from it: none under three characters. */
  static int maxEdits(String typo) {
    int n = typo.codePointCount(0, typo.length());
    return n < 3 ? 0 : n < 5 ? 1 : 2;
  }

  /** The nearest of {@code candidates} to {@code typo} (the first in iteration order among equals), or null. */
  static String nearest(String typo, Collection<String> candidates) {
    if (maxEdits(typo) == 0) {
      return null;
    }
    for (String c : candidates) {
      if (!c.equals(typo) && c.toLowerCase(Locale.ROOT).equals(typo.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    for (int edits = 1; edits <= maxEdits(typo); edits++) {
      CharacterRunAutomaton within = new CharacterRunAutomaton(new LevenshteinAutomata(typo, true).toAutomaton(edits));
      for (String c : candidates) {
        if (!c.equals(typo) && within.run(c)) {
          return c;
        }
      }
    }
    return null;
  }

  /**
   * The nearest term of {@code terms} to {@code typo} that {@code usable} accepts (in term order
   * among equals), or null; case-only differences count as edits here. At most {@value
   * #MAX_TERMS_TRIED} terms are offered to {@code usable}.
   */
  static String nearestTerm(Terms terms, String typo, Predicate<String> usable) throws IOException {
    if (terms == null) {
      return null;
    }
    int tried = 0;
    for (int edits = 1; edits <= maxEdits(typo); edits++) {
      TermsEnum te = terms.intersect(new CompiledAutomaton(new LevenshteinAutomata(typo, true).toAutomaton(edits),
          true, false), null);
      for (BytesRef t = te.next(); t != null && tried < MAX_TERMS_TRIED; t = te.next()) {
        String term = t.utf8ToString();
        if (!term.equals(typo)) {
          tried++;
          if (usable.test(term)) {
            return term;
          }
        }
      }
    }
    return null;
  }

  /** " (did you mean 'x'?)" for a suggestion, "" for none. */
  static String didYouMean(String suggestion) {
    return suggestion == null ? "" : " (did you mean '" + suggestion + "'?)";
  }
}
