package dev.trawl.ranker.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.indexer.chunk.TokenCounter;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptChunk;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.indexer.transcript.TranscriptIndexer;
import dev.trawl.indexer.transcript.Turn;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.fusion.ReciprocalRankFusion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Evaluates transcript retrieval on QMSum in BEIR layout (see {@code ../shared/data/README.md}):
 * a corpus of one document per speaker turn ({@code metadata.meeting_id}, {@code turn},
 * {@code speaker}), queries with {@code metadata.meeting_id}, and qrels on turns.
 *
 * <p><b>Indexing.</b> Transcripts are rebuilt from the turn corpus (turn order, speaker, raw
 * text; QMSum has no times or titles) and indexed per {@link Variant}, each its own collection,
 * through the production path ({@link TranscriptIndexer}: noise removal, speaker normalisation,
 * chunking, one document per chunk).
 *
 * <p><b>Turn-level evaluation.</b> A chunk covers the contiguous range of source turns from its
 * first to its last turn (turns dropped as noise-only inside that range included). A ranked list
 * of chunks becomes a ranked list of turns by taking the chunks in rank order and, within a
 * chunk, its turns in meeting order, skipping turns already listed, until {@value #TURN_DEPTH}
 * turns; turn {@code i} of the list gets score {@code n - i}. So per-turn indexing and windows
 * are scored on the same unit, with the same qrels.
 *
 * <p><b>Scopes.</b> {@link Scope#MEETING}: the query's own meeting only ({@code meeting_id}
 * filter), the agent "ask about this meeting" case. {@link Scope#ALL}: every meeting in the
 * corpus.
 */
public final class QmsumExperiment {
  public static final List<String> METRICS = List.of("ndcg@10", "recall@10", "recall@50", "recall@100");
  /** Turns per query in a run. */
  public static final int TURN_DEPTH = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a query searches. */
  public enum Scope {
    MEETING, ALL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String s) {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** A named indexing configuration. */
  public record Variant(String name, TranscriptChunking chunking) {
    /** Collection name: the configuration spelled out, so a changed configuration is a new collection. */
    public String collectionName(String embedderTag) {
      TranscriptChunking c = chunking;
      return ("qmsum-" + embedderTag + "-" + (c.windows() ? "w" + c.maxTokens() : "t" + c.maxTokens())
          + "-o" + (c.overlap() ? 1 : 0) + "-s" + c.shortTurnTokens() + "-h" + (c.header() ? 1 : 0))
          .toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The named variants: {@code windows} (the default chunking), {@code turns} (one document per
   * turn, short turns merged, header on), {@code turns-raw} (one document per non-empty turn, no
   * merging, no header: closest to the plain per-turn baseline), and ablations of the windows:
   * {@code windows-noheader}, {@code windows-nooverlap}, {@code windows-nomerge}, and
   * {@code windows-<N>} for a budget of N tokens.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static Variant variant(String name) {
    TranscriptChunking d = TranscriptChunking.defaults();
    String n = name.strip().toLowerCase(Locale.ROOT);
    TranscriptChunking c = switch (n) {
      case "windows" -> d;
      case "turns" -> d.withWindows(false).withMaxTokens(384);
      case "turns-raw" -> d.withWindows(false).withMaxTokens(384).withShortTurnTokens(0).withHeader(false);
      case "windows-noheader" -> d.withHeader(false);
      case "windows-nooverlap" -> d.withOverlap(false);
      case "windows-nomerge" -> d.withShortTurnTokens(0);
      default -> {
        if (n.matches("windows-\\d+")) {
          yield d.withMaxTokens(Integer.parseInt(n.substring("windows-".length())));
        }
        throw new IllegalArgumentException("unknown variant '" + name + "': use windows, turns, turns-raw, "
            + "windows-noheader, windows-nooverlap, windows-nomerge or windows-<tokens>");
      }
    };
    return new Variant(n, c);
  }

  /**
   * @param split qrels split
   * @param variants indexing variants
   * @param modes retrieval modes
   * @param scopes search scopes
   * @param runDir where TREC runs (turn level) are written, or null for none
   * @param fusion how hybrid mode fuses the two lists
   * @param lexicalWeight BM25's weight with {@link FusionMethod#LINEAR}
   */
  public record Config(String split, List<Variant> variants, List<SearchMode> modes, List<Scope> scopes,
      Path runDir, FusionMethod fusion, double lexicalWeight) {
    /** Reciprocal rank fusion, as a default search does. */
    public Config(String split, List<Variant> variants, List<SearchMode> modes, List<Scope> scopes, Path runDir) {
      this(split, variants, modes, scopes, runDir, FusionMethod.RRF, 0.5);
    }
  }

  /** Index statistics of one variant. */
  public record IndexStats(int chunks, double turnsPerChunk, double tokensPerChunk, double indexSeconds,
      boolean reused) {}

  /**
   * One evaluated configuration.
   *
   * @param modeLabel the mode, with the fusion when it is not the default ({@code hybrid-linear-0.7})
   */
  public record Result(Variant variant, SearchMode mode, String modeLabel, Scope scope, EvalReport report, Run run,
      IndexStats index) {
    public String label() {
      return variant.name() + "/" + modeLabel + "/" + scope.label();
    }
  }

  static String modeLabel(SearchMode mode, Config config) {
    return mode == SearchMode.HYBRID && config.fusion() == FusionMethod.LINEAR
        ? mode.label() + "-linear-" + config.lexicalWeight() : mode.label();
  }

  private QmsumExperiment() {}

  /** Rebuilds one transcript per meeting from a QMSum turn corpus, turns in index order. */
  public static List<Transcript> readMeetings(Path corpusJsonl) throws IOException {
    Map<String, TreeMap<Integer, Turn>> meetings = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(corpusJsonl, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        JsonNode meta = n.get("metadata");
        if (meta == null || !meta.hasNonNull("meeting_id") || !meta.hasNonNull("turn")) {
          throw new MalformedFileException(corpusJsonl.toString(), lineNo,
              "a QMSum turn needs metadata.meeting_id and metadata.turn");
        }
        int turn = meta.get("turn").asInt();
        String speaker = meta.hasNonNull("speaker") ? meta.get("speaker").asText() : n.path("title").asText();
        meetings.computeIfAbsent(meta.get("meeting_id").asText(), k -> new TreeMap<>())
            .put(turn, new Turn(turn, speaker.isBlank() ? "Unknown speaker" : speaker, null, null,
                n.path("text").asText()));
      }
    }
    List<Transcript> out = new ArrayList<>();
    meetings.forEach((id, turns) -> out.add(new Transcript(id, "", "", List.of(), new ArrayList<>(turns.values()))));
    return out;
  }

  /** A chunk's meeting and the contiguous source-turn range it covers. */
  record Coverage(String meetingId, int first, int last) {}

  /**
   * Indexes every variant (reusing a collection that already holds exactly the planned chunks),
   * then runs every query per mode and scope and scores the turn-level runs.
   *
   * @param collections opens (or creates) a collection by name
   * @param embedderTag short name of the embedder, part of each collection's name
   */
  public static List<Result> run(Function<String, DocumentCollection> collections, String embedderTag,
      HybridSearcher searcher, Path dataset, Config config, PrintStream log) throws IOException {
    Qrels qrels = Qrels.readBeirSplit(dataset, config.split());
    List<Query> queries = BeirQueries.readSplit(dataset, config.split());
    List<Transcript> meetings = readMeetings(dataset.resolve("corpus.jsonl"));
    log.printf("qmsum %s: %d meetings, %,d turns, %d queries, %,d judgments%n", config.split(), meetings.size(),
        meetings.stream().mapToInt(t -> t.turns().size()).sum(), queries.size(), qrels.size());
    boolean needVectors = config.modes().stream().anyMatch(m -> m != SearchMode.LEXICAL);
    List<float[]> vectors = needVectors ? searcher.embedder().embedQueries(queries.stream().map(Query::text).toList())
        : null;
    Evaluator evaluator = Evaluator.of(METRICS.toArray(String[]::new));
    List<Result> results = new ArrayList<>();
    for (Variant v : config.variants()) {
      DocumentCollection c = collections.apply(v.collectionName(embedderTag));
      Map<String, Coverage> coverage = new HashMap<>();
      IndexStats stats = ensureIndexed(c, v, meetings, coverage, log);
      log.printf("%s: %,d chunks, %.1f turns and %.0f tokens per chunk%s%n", v.name(), stats.chunks(),
          stats.turnsPerChunk(), stats.tokensPerChunk(), stats.reused() ? " (reused)" : "");
      for (SearchMode mode : config.modes()) {
        for (Scope scope : config.scopes()) {
          long t0 = System.nanoTime();
          Run run = search(c, searcher, queries, vectors, mode, scope, coverage, v.name() + "-" + modeLabel(mode, config),
              config);
          EvalReport report = evaluator.evaluate(qrels, run);
          if (config.runDir() != null) {
            Files.createDirectories(config.runDir());
            run.writeTrec(config.runDir().resolve("qmsum-" + config.split() + "-" + v.name() + "-"
                + modeLabel(mode, config) + "-" + scope.label() + ".trec"));
          }
          Result r = new Result(v, mode, modeLabel(mode, config), scope, report, run, stats);
          results.add(r);
          log.printf("  %-28s nDCG@10 %.4f  R@10 %.4f  R@50 %.4f  R@100 %.4f  (%.1f s)%n", r.label(),
              report.mean("ndcg@10"), report.mean("recall@10"), report.mean("recall@50"), report.mean("recall@100"),
              (System.nanoTime() - t0) / 1e9);
        }
      }
    }
    return results;
  }

  private static IndexStats ensureIndexed(DocumentCollection c, Variant v, List<Transcript> meetings,
      Map<String, Coverage> coverage, PrintStream log) throws IOException {
    TranscriptIndexer indexer = new TranscriptIndexer(v.chunking());
    int maxTokens = c.manifest().maxPassageTokens();
    List<TranscriptIndexer.Plan> plans = new ArrayList<>(meetings.size());
    long chunks = 0;
    long turns = 0;
    long tokens = 0;
    TokenCounter counter = new TokenCounter();
    for (Transcript t : meetings) {
      TranscriptIndexer.Plan p = indexer.plan(t, List.of(), maxTokens);
      plans.add(p);
      for (int i = 0; i < p.chunks().size(); i++) {
        TranscriptChunk ch = p.chunks().get(i);
        List<Integer> ts = ch.turns();
        int first = ts.stream().min(Integer::compare).orElseThrow();
        int last = ts.stream().max(Integer::compare).orElseThrow();
        coverage.put(p.documents().get(i).id(), new Coverage(t.meetingId(), first, last));
        turns += ts.size();
        tokens += counter.count(p.documents().get(i).title()) + counter.count(p.documents().get(i).text());
      }
      chunks += p.chunks().size();
    }
    long have = c.stats().documents();
    boolean reused = have == chunks;
    long t0 = System.nanoTime();
    if (!reused) {
      if (have > 0) {
        log.printf("collection %s holds %,d documents, expected %,d: re-indexing%n", c.name(), have, chunks);
      }
      int done = 0;
      for (TranscriptIndexer.Plan p : plans) {
        TranscriptIndexer.write(c, p);
        done++;
        if (done % 5 == 0 || done == plans.size()) {
          log.printf("  %s: indexed %d/%d meetings (%.0f s)%n", v.name(), done, plans.size(),
              (System.nanoTime() - t0) / 1e9);
        }
      }
      c.commitAndSaveVectors();
    }
    return new IndexStats((int) chunks, (double) turns / chunks, (double) tokens / chunks,
        (System.nanoTime() - t0) / 1e9, reused);
  }

  private static Run search(DocumentCollection c, HybridSearcher searcher, List<Query> queries, List<float[]> vectors,
      SearchMode mode, Scope scope, Map<String, Coverage> coverage, String tag, Config config) {
    Run.Builder run = Run.builder("trawl-qmsum-" + tag + "-" + scope.label());
    try (CollectionSnapshot s = c.snapshot()) {
      for (int qi = 0; qi < queries.size(); qi++) {
        Query q = queries.get(qi);
        SearchFilter filter = SearchFilter.NONE;
        if (scope == Scope.MEETING) {
          Object meeting = q.metadata().get("meeting_id");
          if (meeting == null) {
            throw new IllegalArgumentException("query " + q.id() + " has no metadata.meeting_id");
          }
          filter = filter.withMetadata(TranscriptFields.MEETING_ID, List.of(String.valueOf(meeting)));
        }
        SearchRequest request = SearchRequest.of(q.text()).withMode(mode).withK(SearchRequest.MAX_K)
            .withDepth(SearchRequest.MAX_K).withSnippetTokens(0).withFilter(filter)
            .withFusion(config.fusion(), ReciprocalRankFusion.DEFAULT_K, config.lexicalWeight());
        HybridSearcher.Retrieved r = searcher.retrieve(s, request, mode == SearchMode.LEXICAL ? null : vectors.get(qi));
        run.addQuery(q.id());
        List<String> turns = turnRanking(r.fused(), coverage, TURN_DEPTH);
        for (int i = 0; i < turns.size(); i++) {
          run.add(q.id(), turns.get(i), turns.size() - i);
        }
      }
    }
    return run.build();
  }

  /** Chunks in rank order, each expanded to its turns in meeting order, first occurrence kept; QMSum turn ids. */
  static List<String> turnRanking(List<Fused> chunks, Map<String, Coverage> coverage, int depth) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Fused f : chunks) {
      Coverage cov = coverage.get(f.key());
      if (cov == null) {
        continue;
      }
      for (int t = cov.first(); t <= cov.last() && out.size() < depth; t++) {
        String id = cov.meetingId() + "#" + t;
        if (seen.add(id)) {
          out.add(id);
        }
      }
      if (out.size() >= depth) {
        break;
      }
    }
    return out;
  }
}
