package dev.trawl.query;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.fusion.NormalizedScoreFusion;
import dev.trawl.query.fusion.RankedList;
import dev.trawl.query.fusion.ReciprocalRankFusion;
import dev.trawl.query.lexical.LexicalRetriever;
import dev.trawl.query.rerank.FanOutSignals;
import dev.trawl.query.rerank.RerankContext;
import dev.trawl.query.rerank.Reranker;
import dev.trawl.query.rerank.Rerankers;
import dev.trawl.query.rerank.Reranking;
import dev.trawl.query.snippet.Snippet;
import dev.trawl.query.snippet.SnippetSelector;
import dev.trawl.query.transcript.StoredChunk;
import dev.trawl.query.transcript.TranscriptSnippets;
import dev.trawl.query.vector.VectorRetriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.lucene.analysis.Analyzer;

/**
 * Answers a {@link SearchRequest} against one {@link CollectionSnapshot}: lexical and vector
 * retrieval (in parallel when an executor is given), per-retriever aggregation of passages to
 * documents, fusion, reranking of the fused list's head by the collection's {@link Reranker} (when
 * one is installed with {@link #withRerankers} and the request allows it), then snippets and
 * stored fields for the top k only.
 *
 * <p>Thread-safe and stateless apart from its configuration.
 */
public final class HybridSearcher {
  private final Embedder embedder;
  private final LexicalRetriever lexical;
  private final VectorRetriever.Params vectorParams;
  private final SnippetSelector snippets;
  private final TranscriptSnippets transcriptSnippets;
  private final Rerankers rerankers;
  private final Executor parallel;

  /**
   * @param parallel runs the lexical retriever while the caller's thread runs the vector one;
   *     null to run both on the caller's thread
   */
  public HybridSearcher(Embedder embedder, Analyzer analyzer, VectorRetriever.Params vectorParams, Executor parallel) {
    this.embedder = embedder;
    this.lexical = new LexicalRetriever(analyzer);
    this.vectorParams = vectorParams;
    this.snippets = new SnippetSelector(analyzer, IndexFields.CONTENTS);
    this.transcriptSnippets = new TranscriptSnippets(analyzer, IndexFields.CONTENTS);
    this.rerankers = Rerankers.NONE;
    this.parallel = parallel;
  }

  public Embedder embedder() {
    return embedder;
  }

  /** Searches, embedding the query if the mode needs a vector. */
  public SearchResult search(CollectionSnapshot snapshot, SearchRequest request) {
    float[] vector = request.mode() == SearchMode.LEXICAL || request.query().isBlank()
        ? null : embedder.embedQuery(request.query());
    return search(snapshot, request, vector);
  }

  /** Searches with a precomputed query vector (null only for lexical mode). */
  public SearchResult search(CollectionSnapshot snapshot, SearchRequest request, float[] queryVector) {
    Retrieved retrieved = retrieve(snapshot, request, queryVector);
    Reranking r = rerank(snapshot, request, queryVector, retrieved, null);
    return new SearchResult(hydrate(snapshot, request, r.retrieved(), 0, request.k(), r.features()),
        retrieved.fused().size(), snapshot.version(), r.tag());
  }

  /**
   * Passes a query's retrieved candidates through the collection's reranker: reordered when the
   * request allows reranking and the collection has a model, explained when the request asks
   * for features. Unchanged when no reranker is installed or neither is wanted.
   *
   * @param fanOut signals of the other queries of a fan-out request, or null for a single query
   */
  public Reranking rerank(CollectionSnapshot snapshot, SearchRequest request, float[] queryVector, Retrieved retrieved,
      FanOutSignals fanOut) {
    if (retrieved.fused().isEmpty() || (!request.rerank() && request.explain() != Explain.FEATURES)) {
      return Reranking.unchanged(retrieved);
    }
    Reranker reranker = rerankers.forCollection(snapshot);
    if (reranker == null) {
      return Reranking.unchanged(retrieved);
    }
    return reranker.rerank(new RerankContext(snapshot, request, queryVector, retrieved, fanOut));
  }

  /** Whether a reranking stage is installed (it may still find no model for a collection). */
  public boolean reranks() {
    return rerankers != Rerankers.NONE;
  }

  /** Candidate lists of one query, before hydration: both retrievers' rankings and the fused order. */
  public record Retrieved(DocumentRanking lexical, DocumentRanking vector, List<Fused> fused,
      Map<Integer, PassageCandidate> lexicalPassages, Map<Integer, PassageCandidate> vectorPassages) {}

  /** Runs the retrievers and fuses; no stored fields are read. */
  public Retrieved retrieve(CollectionSnapshot snapshot, SearchRequest request, float[] queryVector) {
    boolean useLexical = request.mode() != SearchMode.VECTOR;
    boolean useVector = request.mode() != SearchMode.LEXICAL && queryVector != null;
    if (request.query().isBlank()) {
      return new Retrieved(DocumentRanking.empty(), DocumentRanking.empty(), List.of(), Map.of(),
          Map.of());
    }
    VectorRetriever vr = new VectorRetriever(new VectorRetriever.Params(request.ef(), vectorParams.exactBelow(),
        vectorParams.exactFraction()));
    CompletableFuture<List<PassageCandidate>> lex = null;
    List<PassageCandidate> lexList = List.of();
    if (useLexical) {
      if (useVector && parallel != null) {
        lex = CompletableFuture.supplyAsync(
            () -> lexical.retrieve(snapshot, request.query(), request.filter(), request.depth()), parallel);
      } else {
        lexList = lexical.retrieve(snapshot, request.query(), request.filter(), request.depth());
      }
    }
    List<PassageCandidate> vecList = useVector
        ? vr.retrieve(snapshot, queryVector, request.filter(), request.depth()) : List.of();
    if (lex != null) {
      try {
        lexList = lex.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw e;
      }
    }
    DocumentRanking lexDocs = new DocumentRanking(snapshot.reader(), lexList);
    DocumentRanking vecDocs = new DocumentRanking(snapshot.reader(), vecList);
    List<Fused> fused;
    if (useLexical && useVector) {
      List<RankedList> lists = request.fusion() == FusionMethod.RRF
          ? List.of(lexDocs.asRankedList(1.0), vecDocs.asRankedList(1.0))
          : List.of(lexDocs.asRankedList(request.lexicalWeight()), vecDocs.asRankedList(1 - request.lexicalWeight()));
      fused = request.fusion() == FusionMethod.RRF
          ? new ReciprocalRankFusion(request.rrfK()).fuse(lists)
          : new NormalizedScoreFusion().fuse(lists);
    } else {
      DocumentRanking only = useLexical ? lexDocs : vecDocs;
      RankedList l = only.asRankedList(1.0);
      fused = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        fused.add(new Fused(l.keys().get(i), l.scores()[i]));
      }
    }
    return new Retrieved(lexDocs, vecDocs, fused, byPassage(lexList), byPassage(vecList));
  }

  /** Passages by Lucene doc id. */
  private static Map<Integer, PassageCandidate> byPassage(List<PassageCandidate> list) {
    Map<Integer, PassageCandidate> m = new HashMap<>(list.size() * 2);
    for (PassageCandidate p : list) {
      m.put(p.luceneDoc(), p);
    }
    return m;
  }

  /**
   * The passage shown for a document: among its passages found by either retriever, the one
   * with the best passage-level reciprocal-rank score.
   */
  public static PassageCandidate snippetPassage(Retrieved r, String docId) {
    PassageCandidate lex = r.lexical().bestPassage(docId);
    PassageCandidate vec = r.vector().bestPassage(docId);
    if (lex == null || vec == null || lex.luceneDoc() == vec.luceneDoc()) {
      return lex != null ? lex : vec;
    }
    double lexScore = rrf(lex.rank()) + rrfOf(r.vectorPassages().get(lex.luceneDoc()));
    double vecScore = rrf(vec.rank()) + rrfOf(r.lexicalPassages().get(vec.luceneDoc()));
    return lexScore >= vecScore ? lex : vec;
  }

  private static double rrf(int rank) {
    return 1.0 / (ReciprocalRankFusion.DEFAULT_K + rank);
  }

  private static double rrfOf(PassageCandidate p) {
    return p == null ? 0 : rrf(p.rank());
  }

  /** Builds hits for the first {@code k} fused documents. */
  public List<SearchHit> hydrate(CollectionSnapshot snapshot, SearchRequest request, Retrieved r, int k) {
    return hydrate(snapshot, request, r, 0, k);
  }

  /** Builds hits for fused documents {@code [from, from + count)}, ranks starting at {@code from + 1}. */
  public List<SearchHit> hydrate(CollectionSnapshot snapshot, SearchRequest request, Retrieved r, int from,
      int count) {
    return hydrate(snapshot, request, r, from, count, Map.of());
  }

  /**
   * Builds hits for fused documents {@code [from, from + count)}, ranks starting at {@code from + 1},
   * each carrying its entry of {@code features} (document id to feature vector) if it has one.
   */
  public List<SearchHit> hydrate(CollectionSnapshot snapshot, SearchRequest request, Retrieved r, int from,
      int count, Map<String, Map<String, Double>> features) {
    List<Fused> fused = r.fused();
    int end = Math.min(fused.size(), from + count);
    if (from >= end) {
      return List.of();
    }
    Set<String> terms = queryTerms(request);
    List<SearchHit> hits = new ArrayList<>(end - from);
    for (int i = from; i < end; i++) {
      hits.add(hit(snapshot, request, r, i, terms, features.get(fused.get(i).key())));
    }
    return hits;
  }

  /** The analysed query terms snippets match against (empty when snippets are off). */
  public Set<String> queryTerms(SearchRequest request) {
    return request.snippetTokens() > 0 ? snippets.queryTerms(request.query()) : Set.of();
  }

  /**
   * The hit for fused document {@code index} (0-based) of {@code r}, ranked {@code index + 1}.
   *
   * @param terms {@link #queryTerms(SearchRequest)} of the request
   */
  public SearchHit hit(CollectionSnapshot snapshot, SearchRequest request, Retrieved r, int index, Set<String> terms) {
    return hit(snapshot, request, r, index, terms, null);
  }

  /** As {@link #hit(CollectionSnapshot, SearchRequest, Retrieved, int, Set)}, with the hit's feature vector (or null). */
  public SearchHit hit(CollectionSnapshot snapshot, SearchRequest request, Retrieved r, int index, Set<String> terms,
      Map<String, Double> features) {
    Fused f = r.fused().get(index);
    PassageCandidate p = snippetPassage(r, f.key());
    StoredPassage sp = StoredPassage.read(snapshot, p.luceneDoc());
    Snippet snip = snippet(sp, terms, request.snippetTokens());
    return new SearchHit(f.key(), f.score(), index + 1, sp.title(), snip.text(), sp.ref(), sp.metadata(),
        r.lexical().rankOf(f.key()), r.vector().rankOf(f.key()), features);
  }

  /** The snippet selector this searcher uses. */
  public SnippetSelector snippets() {
    return snippets;
  }

  /**
   * The snippet of a stored passage under {@code maxTokens}: transcript chunks as
   * {@code [00:14:07-00:15:32] Speaker: text} lines ({@link TranscriptSnippets}), any other
   * passage by {@link SnippetSelector}.
   */
  public Snippet snippet(StoredPassage passage, Set<String> queryTerms, int maxTokens) {
    StoredChunk chunk = StoredChunk.isTranscript(passage.metadata())
        ? StoredChunk.of(passage.ref().id(), passage.text(), passage.metadata()) : null;
    return chunk != null ? transcriptSnippets.select(chunk, queryTerms, maxTokens)
        : snippets.select(passage.text(), queryTerms, maxTokens);
  }

  /** A searcher with the same configuration that runs both retrievers on the caller's thread. */
  public HybridSearcher sequential() {
    return parallel == null ? this
        : new HybridSearcher(embedder, lexical, vectorParams, snippets, transcriptSnippets, null, rerankers);
  }

  /** A searcher with the same configuration that reranks with each collection's reranker from {@code r}. */
  public HybridSearcher withRerankers(Rerankers r) {
    return new HybridSearcher(embedder, lexical, vectorParams, snippets, transcriptSnippets, parallel,
        r == null ? Rerankers.NONE : r);
  }

  private HybridSearcher(Embedder embedder, LexicalRetriever lexical, VectorRetriever.Params vectorParams,
      SnippetSelector snippets, TranscriptSnippets transcriptSnippets, Executor parallel, Rerankers rerankers) {
    this.embedder = embedder;
    this.lexical = lexical;
    this.vectorParams = vectorParams;
    this.snippets = snippets;
    this.transcriptSnippets = transcriptSnippets;
    this.parallel = parallel;
    this.rerankers = rerankers;
  }
}
