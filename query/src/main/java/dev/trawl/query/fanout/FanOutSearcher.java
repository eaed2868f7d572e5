package dev.trawl.query.fanout;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.PassageCandidate;
import dev.trawl.query.PassageKeys;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.StoredPassage;
import dev.trawl.query.TokenEstimate;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.RankedList;
import dev.trawl.query.fusion.ReciprocalRankFusion;
import dev.trawl.query.rerank.FanOutSignals;
import dev.trawl.query.snippet.Snippet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an agent's fan-out: all queries embedded in one batch, retrieved in parallel against
 * one snapshot, each query's list fused (hybrid), reranked by the collection's reranker when
 * the request allows it (with {@link FanOutSignals} of all the queries, so the model sees how
 * many queries found a candidate), and cut to its k, then all lists fused across queries with
 * reciprocal rank fusion at {@link #CROSS_QUERY_RRF_K}, with attribution of every entry to the
 * queries that found it.
 *
 * <p>{@link #execute} does the retrieval and returns a {@link FanOut} holding the whole fused
 * list; {@link #page} turns any slice of it into hits (snippets under the token budget). A
 * {@link FanOut} stays valid as long as the snapshot it came from is open, which is what
 * cursors rely on.
 *
 * <p>Sub-queries run on {@code executor}, which must not be the pool the caller runs on (the
 * caller waits for them). Thread-safe.
 */
public final class FanOutSearcher {
  /** Snippets shorter than this are not worth showing; the entry keeps its id so it can be fetched. */
  public static final int MIN_SNIPPET_TOKENS = 16;

  private final HybridSearcher searcher;
  private final Executor executor;
  /**
   * RRF's k when merging the queries' lists: 3, not the usual 60. An agent's queries ask
   * different things; with k = 60 a document ranked 1st by one query (1/61) loses to one ranked
   * 30th by two (2/90), so documents that weakly match many queries bury each query's best hits.
   * On BEIR test queries in groups of 8 ({@code FanOutFusionStudy}), k = 3 raised the share of
   * queries with a relevant document in the merged top 10 from 0.28 to 0.66 (NFCorpus) and from
   * 0.11 to 0.69 (SciFact), and Recall@20 of the groups' relevant documents from 0.021 to 0.039
   * and from 0.38 to 0.69. Agreement still counts: a document near the top of several lists sums
   * their shares and comes first.
   */
  public static final int CROSS_QUERY_RRF_K = 3;

  private final ReciprocalRankFusion fusion = new ReciprocalRankFusion(CROSS_QUERY_RRF_K);

  public FanOutSearcher(HybridSearcher searcher, Executor executor) {
    this.searcher = searcher.sequential();
    this.executor = executor;
  }

  /** One entry of the fused list, before display. */
  public record Entry(String key, String docId, double score, List<QueryMatch> matched, PassageCandidate passage,
      int bestQuery) {}

  /**
   * A fan-out's complete fused list and per-query reports, bound to the snapshot it was computed on.
   *
   * @param timedOut indices of queries that had not finished by the deadline and contribute nothing
   *     (empty unless {@link #execute(CollectionSnapshot, MultiSearchRequest, long)} was given one)
   */
  public record FanOut(MultiSearchRequest request, List<Entry> entries, List<QueryReport> perQuery,
      long snapshotVersion, List<Integer> timedOut) {
    public FanOut {
      timedOut = timedOut == null ? List.of() : List.copyOf(timedOut);
    }

    /** True when some queries missed the deadline, so the fused list is built from the others only. */
    public boolean partial() {
      return !timedOut.isEmpty();
    }
  }

  /** Retrieves and fuses; reads no stored fields. */
  public FanOut execute(CollectionSnapshot snapshot, MultiSearchRequest request) {
    return execute(snapshot, request, Long.MAX_VALUE);
  }

  /**
   * Like {@link #execute(CollectionSnapshot, MultiSearchRequest)}, but stops waiting for
   * sub-queries at {@code deadlineNanos} (a {@link System#nanoTime()} value; {@link Long#MAX_VALUE}
   * for none): queries still running then are left out of the fusion and listed in
   * {@link FanOut#timedOut()}. Their tasks are not interrupted; they finish in the background and
   * their results are dropped.
   */
  public FanOut execute(CollectionSnapshot snapshot, MultiSearchRequest request, long deadlineNanos) {
    List<SubQuery> queries = request.queries();
    int n = queries.size();
    List<float[]> vectors = null;
    if (request.mode() != SearchMode.LEXICAL) {
      // One batch for every non-blank query; a blank query has no vector and finds nothing.
      List<String> texts = queries.stream().map(SubQuery::query).filter(t -> !t.isBlank()).toList();
      List<float[]> embedded = texts.isEmpty() ? List.of() : searcher.embedder().embedQueries(texts);
      vectors = new ArrayList<>(n);
      int next = 0;
      for (SubQuery q : queries) {
        vectors.add(q.query().isBlank() ? null : embedded.get(next++));
      }
    }
    List<CompletableFuture<HybridSearcher.Retrieved>> futures = new ArrayList<>(n);
    List<SearchRequest> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SubQuery q = queries.get(i);
      int k = q.k() > 0 ? q.k() : request.perQueryK();
      SearchRequest sr = SearchRequest.of(q.query()).withMode(request.mode()).withK(k)
          .withFilter(q.filter().and(request.filter())).withSnippetTokens(request.snippetTokens())
          .withRerank(request.rerank());
      requests.add(sr);
      float[] v = vectors == null ? null : vectors.get(i);
      futures.add(CompletableFuture.supplyAsync(() -> searcher.retrieve(snapshot, sr, v), executor));
    }
    List<HybridSearcher.Retrieved> retrieved = new ArrayList<>(n);
    List<Integer> timedOut = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var f = futures.get(i);
      try {
        if (deadlineNanos == Long.MAX_VALUE) {
          retrieved.add(f.join());
        } else {
          retrieved.add(f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
      } catch (TimeoutException e) {
        retrieved.add(null);
        timedOut.add(i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for sub-queries");
      } catch (CompletionException | ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    if (request.rerank() && searcher.reranks()) {
      FanOutSignals signals = FanOutSignals.of(retrieved);
      for (int i = 0; i < n; i++) {
        if (retrieved.get(i) == null) {
          continue; // timed out: nothing to rerank
        }
        float[] v = vectors == null ? null : vectors.get(i);
        retrieved.set(i, searcher.rerank(snapshot, requests.get(i), v, retrieved.get(i), signals).retrieved());
      }
    }

    // Each query's list: its top k documents (or their best passages when not deduplicating).
    List<RankedList> lists = new ArrayList<>(n);
    Map<String, List<QueryMatch>> matches = new HashMap<>();
    Map<String, PassageCandidate> bestPassage = new HashMap<>();
    Map<String, String> docOf = new HashMap<>();
    Map<String, Integer> bestQuery = new HashMap<>();
    Map<String, Integer> bestRank = new HashMap<>();
    List<QueryReport> reports = new ArrayList<>(n);
    Set<String> seenDocs = new HashSet<>();
    for (int i = 0; i < n; i++) {
      SubQuery q = queries.get(i);
      int k = q.k() > 0 ? q.k() : request.perQueryK();
      HybridSearcher.Retrieved r = retrieved.get(i);
      if (r == null) {
        lists.add(new RankedList(List.of(), new float[0], 1.0));
        reports.add(new QueryReport(i, 0, 0));
        continue;
      }
      List<Fused> fused = r.fused();
      int size = Math.min(k, fused.size());
      List<String> keys = new ArrayList<>(size);
      int newDocs = 0;
      Set<String> seenHere = new HashSet<>();
      for (int j = 0; j < size; j++) {
        String docId = fused.get(j).key();
        PassageCandidate p = HybridSearcher.snippetPassage(r, docId);
        String key = request.dedupe() ? docId : PassageKeys.passageId(docId, p);
        if (!seenHere.add(key)) {
          continue;
        }
        keys.add(key);
        int rank = keys.size();
        matches.computeIfAbsent(key, x -> new ArrayList<>()).add(new QueryMatch(i, rank));
        Integer prev = bestRank.get(key);
        if (prev == null || rank < prev) {
          bestRank.put(key, rank);
          bestQuery.put(key, i);
          bestPassage.put(key, p);
          docOf.put(key, docId);
        }
        if (seenDocs.add(docId)) {
          newDocs++;
        }
      }
      lists.add(new RankedList(keys, new float[keys.size()], 1.0));
      reports.add(new QueryReport(i, keys.size(), newDocs));
    }
    List<Fused> fused = fusion.fuse(lists);
    List<Entry> entries = new ArrayList<>(fused.size());
    for (Fused f : fused) {
      List<QueryMatch> m = new ArrayList<>(matches.get(f.key()));
      m.sort(Comparator.comparingInt(QueryMatch::rank).thenComparingInt(QueryMatch::queryIndex));
      PassageCandidate p = bestPassage.get(f.key());
      entries.add(new Entry(f.key(), docOf.get(f.key()), f.score(), List.copyOf(m), p, bestQuery.get(f.key())));
    }
    return new FanOut(request, List.copyOf(entries), List.copyOf(reports), snapshot.version(), timedOut);
  }

  /**
   * Hydrates entries {@code [offset, offset + k)} of {@code fanOut} from {@code snapshot} (the
   * snapshot it was computed on). Snippets are packed best entry first under the request's
   * token budget: each gets at most the per-snippet budget and at most what is left; once
   * less than {@link #MIN_SNIPPET_TOKENS} is left, later entries get no snippet. With
   * {@code dedupe=false}, a passage overlapping one already shown gets no snippet.
   */
  public MultiSearchResult page(CollectionSnapshot snapshot, FanOut fanOut, int offset, int k) {
    MultiSearchRequest request = fanOut.request();
    List<Entry> entries = fanOut.entries();
    int end = Math.min(entries.size(), offset + k);
    List<MultiSearchHit> hits = new ArrayList<>(Math.max(0, end - offset));
    int budget = request.tokenBudget() > 0 ? request.tokenBudget() : Integer.MAX_VALUE;
    int used = 0;
    boolean exhausted = false;
    Map<Integer, Set<String>> termsByQuery = new HashMap<>();
    Map<String, List<int[]>> shown = new HashMap<>();
    for (int i = offset; i < end; i++) {
      Entry e = entries.get(i);
      StoredPassage sp = StoredPassage.read(snapshot, e.passage().luceneDoc());
      int allowed = Math.min(request.snippetTokens(), budget - used);
      String text = "";
      if (request.snippetTokens() > 0) {
        if (allowed < Math.min(MIN_SNIPPET_TOKENS, request.snippetTokens())) {
          exhausted = true;
        } else if (overlapsShown(shown, e.docId(), sp)) {
          text = "";
        } else {
          if (allowed < request.snippetTokens()) {
            exhausted = true;
          }
          Set<String> terms = termsByQuery.computeIfAbsent(e.bestQuery(),
              q -> searcher.snippets().queryTerms(request.queries().get(q).query()));
          Snippet s = searcher.snippet(sp, terms, allowed);
          text = s.text();
          used += TokenEstimate.of(text);
          shown.computeIfAbsent(e.docId(), x -> new ArrayList<>())
              .add(new int[] {sp.ref().start(), sp.ref().end()});
        }
      }
      hits.add(new MultiSearchHit(e.docId(), e.score(), i + 1, sp.title(), text, sp.ref(), sp.metadata(),
          e.matched()));
    }
    return new MultiSearchResult(hits, fanOut.perQuery(), entries.size(), offset, used, exhausted,
        fanOut.snapshotVersion());
  }

  private static boolean overlapsShown(Map<String, List<int[]>> shown, String docId, StoredPassage sp) {
    List<int[]> spans = shown.get(docId);
    if (spans == null) {
      return false;
    }
    for (int[] s : spans) {
      if (sp.ref().start() < s[1] && s[0] < sp.ref().end()) {
        return true;
      }
    }
    return false;
  }

  /** Convenience: execute and return the first page. */
  public MultiSearchResult search(CollectionSnapshot snapshot, MultiSearchRequest request) {
    return page(snapshot, execute(snapshot, request), 0, request.k());
  }
}
