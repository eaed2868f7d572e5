package dev.trawl.query.transcript;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.query.TokenEstimate;
import dev.trawl.query.snippet.Snippet;
import dev.trawl.query.snippet.SnippetSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * Snippets of transcript chunks: the run of consecutive lines that covers the most distinct
 * query terms under the token budget (ties: more occurrences, then the earliest), each line
 * shown as {@code [00:14:07-00:15:32] Sarah Sachs: text}. A chunk that fits is shown whole; a
 * single line longer than the budget keeps its prefix and shows its best sentences
 * ({@link SnippetSelector}). Thread-safe.
 */
public final class TranscriptSnippets {
  private final Analyzer analyzer;
  private final String field;
  private final SnippetSelector sentences;

  public TranscriptSnippets(Analyzer analyzer, String field) {
    this.analyzer = analyzer;
    this.field = field;
    this.sentences = new SnippetSelector(analyzer, field);
  }

  /** The snippet of {@code chunk} for analysed query terms {@code queryTerms}; start/end span the lines shown. */
  public Snippet select(StoredChunk chunk, Set<String> queryTerms, int maxTokens) {
    List<StoredChunk.Line> lines = chunk.lines();
    if (maxTokens <= 0 || lines.isEmpty()) {
      return new Snippet("", 0, 0);
    }
    int budget = TokenEstimate.chars(maxTokens);
    int n = lines.size();
    int[] cost = new int[n];
    List<Set<String>> hits = new ArrayList<>(n);
    int[] occurrences = new int[n];
    for (int i = 0; i < n; i++) {
      StoredChunk.Line l = lines.get(i);
      cost[i] = l.displayPrefix().length() + l.text().length() + (i > 0 ? 1 : 0);
      Set<String> h = new HashSet<>();
      for (String t : TextAnalysis.terms(analyzer, field, l.speaker() + " " + l.text())) {
        if (queryTerms.contains(t)) {
          h.add(t);
          occurrences[i]++;
        }
      }
      hits.add(h);
    }
    int bestFrom = 0;
    int bestTo = 1;
    int bestDistinct = -1;
    int bestOcc = -1;
    for (int from = 0; from < n; from++) {
      Set<String> covered = new HashSet<>(hits.get(from));
      int occ = occurrences[from];
      int used = cost[from];
      int to = from + 1;
      while (to < n && used + cost[to] <= budget) {
        used += cost[to];
        covered.addAll(hits.get(to));
        occ += occurrences[to];
        to++;
      }
      if (covered.size() > bestDistinct || (covered.size() == bestDistinct && occ > bestOcc)) {
        bestDistinct = covered.size();
        bestOcc = occ;
        bestFrom = from;
        bestTo = to;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = bestFrom; i < bestTo; i++) {
      StoredChunk.Line l = lines.get(i);
      if (i > bestFrom) {
        sb.append('\n');
      }
      String prefix = l.displayPrefix();
      int left = budget - sb.length() - prefix.length();
      if (l.text().length() <= left) {
        sb.append(prefix).append(l.text());
      } else {
        int tokens = Math.max(1, left / TokenEstimate.CHARS_PER_TOKEN);
        sb.append(prefix).append(sentences.select(l.text(), queryTerms, tokens).text());
      }
    }
    StoredChunk.Line first = lines.get(bestFrom);
    StoredChunk.Line last = lines.get(bestTo - 1);
    return new Snippet(sb.toString(), first.offset(), last.offset() + last.length());
  }
}
