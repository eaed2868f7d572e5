package dev.trawl.bench.micro;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.DocumentRanking;
import dev.trawl.query.PassageKeys;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.lexical.BagOfWordsQuery;
import dev.trawl.query.lexical.LexicalRetriever;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * {@link LexicalSearchBenchmark}'s comparison, interleaved query by query
 * ({@link InterleavedRounds}) so that it holds on a shared machine: plain Lucene (bag-of-words
 * query built from the text, {@code IndexSearcher.search}) vs Trawl's
 * {@link LexicalRetriever#retrieve} vs retrieve plus collapsing to documents with their ids
 * ({@link DocumentRanking}; ids from {@link PassageKeys}'s cache once warm) vs the former retrieve
 * (two id strings per hit), over SciFact's 300 test queries at depth 100; then, in a second
 * comparison so that it cannot empty the cache under the others, plain Lucene vs retrieve plus
 * collapse with the id cache dropped before every query (every id decoded again, plus the cost of
 * re-allocating the cache array). Checks first that Trawl returns exactly Lucene's hits.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *   dev.trawl.bench.micro.LexicalPathComparison [warmupRounds rounds]
 * </pre>
 */
public final class LexicalPathComparison {
  private static final int DEPTH = 100;

  private LexicalPathComparison() {}

  /**
   * What {@code LexicalRetriever.retrieve} did before candidates became doc ids: search, then
   * the passage id and document id of every hit from sorted doc values, visiting hits in doc-id
   * order through a boxed sort (the former {@code PassageKeys.resolve}). Kept here to measure the
   * change side by side.
   */
  private static String[][] retrieveAsBefore(CollectionSnapshot snapshot, LexicalRetriever retriever, String text) {
    try {
      ScoreDoc[] sd = snapshot.searcher().search(retriever.query(text, SearchFilter.NONE), DEPTH).scoreDocs;
      int n = sd.length;
      String[] pids = new String[n];
      String[] docIds = new String[n];
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Integer.compare(sd[a].doc, sd[b].doc));
      List<LeafReaderContext> leaves = snapshot.reader().leaves();
      int currentLeaf = -1;
      SortedDocValues pidDv = null;
      SortedDocValues docDv = null;
      LeafReaderContext leaf = null;
      for (int idx : order) {
        int doc = sd[idx].doc;
        int li = ReaderUtil.subIndex(doc, leaves);
        if (li != currentLeaf) {
          currentLeaf = li;
          leaf = leaves.get(li);
          pidDv = leaf.reader().getSortedDocValues(IndexFields.PASSAGE_ID);
          docDv = leaf.reader().getSortedDocValues(IndexFields.DOC_ID);
        }
        int local = doc - leaf.docBase;
        if (pidDv != null && pidDv.advanceExact(local)) {
          pids[idx] = pidDv.lookupOrd(pidDv.ordValue()).utf8ToString();
        }
        if (docDv != null && docDv.advanceExact(local)) {
          docIds[idx] = docDv.lookupOrd(docDv.ordValue()).utf8ToString();
        }
      }
      return new String[][] {pids, docIds};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws IOException {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path data = SciFactData.dir();
    List<SourceDocument> corpus = SciFactData.corpus(data);
    List<String> queries = SciFactData.testQueries(data);
    Path tmp = Files.createTempDirectory("trawl-lexical-compare");
    try (DocumentCollection collection = DocumentCollection.open("scifact", tmp, new HashingEmbedder(8),
        CollectionOptions.defaults())) {
      for (int i = 0; i < corpus.size(); i += 500) {
        collection.upsert(corpus.subList(i, Math.min(corpus.size(), i + 500)));
      }
      collection.commit();
      try (CollectionSnapshot snapshot = collection.snapshot()) {
        IndexSearcher searcher = snapshot.searcher();
        LexicalRetriever retriever = new LexicalRetriever(collection.analyzer());
        for (String q : queries) { // same hits, same order, same scores
          ScoreDoc[] lucene = searcher.search(BagOfWordsQuery.build(collection.analyzer(), IndexFields.CONTENTS, q),
              DEPTH).scoreDocs;
          List<PassageCandidate> trawl = retriever.retrieve(snapshot, q, SearchFilter.NONE, DEPTH);
          for (int i = 0; i < lucene.length; i++) {
            if (trawl.size() != lucene.length || trawl.get(i).luceneDoc() != lucene[i].doc
                || trawl.get(i).score() != lucene[i].score) {
              throw new IllegalStateException("Trawl and Lucene differ on query " + q);
            }
          }
        }
        long[] sink = new long[1];
        IntConsumer lucene = i -> {
          try {
            sink[0] += searcher.search(BagOfWordsQuery.build(collection.analyzer(), IndexFields.CONTENTS,
                queries.get(i)), DEPTH).scoreDocs.length;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
        IntConsumer collapse = i -> sink[0] += new DocumentRanking(snapshot.reader(),
            retriever.retrieve(snapshot, queries.get(i), SearchFilter.NONE, DEPTH)).size();
        // The contender that drops the id cache runs in a second comparison of its own: dropping
        // the cache is global, so in the same rotation it also emptied the cache for the "cached"
        // contender of the next query, which then decoded every id too (the runs before
        // 2026-11-27 07:00 UTC measured the uncached path twice).
        InterleavedRounds warm = new InterleavedRounds(queries.size(),
            new String[] {"lucene build+search", "trawl retrieve", "trawl retrieve+collapse",
                "before: 2 strings/hit"},
            lucene,
            i -> sink[0] += retriever.retrieve(snapshot, queries.get(i), SearchFilter.NONE, DEPTH).size(),
            collapse,
            i -> sink[0] += retrieveAsBefore(snapshot, retriever, queries.get(i)).length);
        InterleavedRounds cold = new InterleavedRounds(queries.size(),
            new String[] {"lucene build+search", "retrieve+collapse, id cache dropped"},
            lucene,
            i -> {
              PassageKeys.dropCachedIds();
              collapse.accept(i);
            });
        System.out.printf("LexicalPathComparison: %d documents, %d Lucene entries, %d queries, depth %d, "
            + "%d warm-up + %d measured rounds%n", corpus.size(), snapshot.reader().maxDoc(), queries.size(), DEPTH,
            warmup, rounds);
        System.out.print(warm.report(warm.run(warmup, rounds)));
        System.out.print(cold.report(cold.run(warmup, rounds)));
        System.out.println("(checksum " + sink[0] + ")");
      }
    } finally {
      try (var files = Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
