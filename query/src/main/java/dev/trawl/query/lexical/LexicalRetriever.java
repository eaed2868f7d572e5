package dev.trawl.query.lexical;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.PassageKeys;
import dev.trawl.query.filter.SearchFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * BM25 over the passages' {@code contents} field (title + passage text) with the collection's
 * similarity ({@code k1=0.9, b=0.4}, Anserini's BEIR setting). Thread-safe and stateless.
 */
public final class LexicalRetriever {
  private final Analyzer analyzer;

  public LexicalRetriever(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The BM25 query for free text {@code text} under {@code filter}, or null if the text has no terms. */
  public Query query(String text, SearchFilter filter) {
    Query bow = BagOfWordsQuery.build(analyzer, IndexFields.CONTENTS, text);
    if (bow == null) {
      return null;
    }
    // Only passage entries carry CONTENTS (see LuceneDocuments), so the bag of words matches
    // passages alone and needs no kind:passage filter. Without filters the query stays a pure
    // disjunction, which Lucene scores with dynamic pruning; wrapping it in a conjunction with a
    // filter clause made it about twice as slow (LexicalSearchBenchmark, docs/BENCHMARKS.md).
    if (filter.isEmpty()) {
      return bow;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(bow, BooleanClause.Occur.MUST);
    filter.addClauses(b);
    return b.build();
  }

  /** The top {@code depth} passages for {@code text}; empty when the text has no indexable term. */
  public List<PassageCandidate> retrieve(CollectionSnapshot snapshot, String text, SearchFilter filter, int depth) {
    Query q = query(text, filter);
    if (q == null || depth <= 0) {
      return List.of();
    }
    TopDocs top;
    try {
      top = snapshot.searcher().search(q, depth);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ScoreDoc[] sd = top.scoreDocs;
    int[] docs = new int[sd.length];
    for (int i = 0; i < sd.length; i++) {
      docs[i] = sd[i].doc;
    }
    int[] parents = PassageKeys.parents(snapshot.reader(), docs);
    List<PassageCandidate> out = new ArrayList<>(sd.length);
    for (int i = 0; i < sd.length; i++) {
      out.add(new PassageCandidate(sd[i].doc, parents[i], sd[i].score, i + 1));
    }
    return out;
  }
}
