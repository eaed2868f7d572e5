package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.api.http.ResponseMapping;
import dev.trawl.api.service.Caller;
import dev.trawl.api.service.SearchService;
import dev.trawl.api.service.SearchService.GroupedPage;
import dev.trawl.api.service.SearchService.MultiSearchPage;
import dev.trawl.api.service.SearchService.SearchPage;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.query.Explain;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.MultiSearchHit;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.fanout.MultiSearchResult;
import dev.trawl.query.fanout.QueryMatch;
import dev.trawl.query.fanout.QueryReport;
import dev.trawl.query.fanout.SubQuery;
import dev.trawl.query.filter.FilterParser;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.group.GroupBy;
import dev.trawl.query.group.GroupedResult;
import dev.trawl.query.transcript.StoredChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trawl search "<query>" ["<query>" ...]}: one search, or with several queries a fan-out
 * (the HTTP {@code multi_search}), printed for people or as JSON.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search a collection. The query is free text: no syntax, any characters allowed.",
        "Several queries (each quoted) fan out: they run in parallel and are merged into one list without duplicate "
            + "documents, each result saying which queries found it and at what rank."})
public final class SearchCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "QUERY",
      description = "What to look for, in plain words; give 2-" + MultiSearchRequest.MAX_QUERIES + " to fan out.")
  List<String> queries = new ArrayList<>();

  @Option(names = "--per-query-k", defaultValue = "" + MultiSearchRequest.DEFAULT_PER_QUERY_K,
      description = "With several queries: documents each query contributes before merging (1-"
          + MultiSearchRequest.MAX_PER_QUERY_K + ", default: ${DEFAULT-VALUE}).")
  int perQueryK;

  @Option(names = "--token-budget", defaultValue = "0",
      description = "With several queries: cap on the total snippet tokens of the merged list (0: none; default: "
          + "${DEFAULT-VALUE}).")
  int tokenBudget;

  @Option(names = {"-k", "--k"}, defaultValue = "10", description = "Number of documents (1-1000, default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = {"-m", "--mode"}, defaultValue = "hybrid",
      description = "lexical, vector or hybrid (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--fusion", defaultValue = "rrf", description = "rrf or linear (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME",
      description = "Collection to search (default: 'default', or the only collection if there is just one).")
  String collection;

  @Option(names = {"-f", "--filter"}, paramLabel = "FIELD=VALUE",
      description = "Only documents whose metadata FIELD equals VALUE; repeat for more (same field: any of).")
  List<String> filters = new ArrayList<>();

  @Option(names = "--speaker", paramLabel = "NAME",
      description = "Only transcript chunks in which NAME speaks (case-insensitive; a first name works when unambiguous "
          + "in its meeting); repeat for any of several.")
  List<String> speakers = new ArrayList<>();

  @Option(names = "--meeting-id", paramLabel = "ID", description = "Only chunks of this meeting; repeat for any of several.")
  List<String> meetingIds = new ArrayList<>();

  @Option(names = "--date-from", paramLabel = "YYYY-MM-DD", description = "Only documents dated on or after this day.")
  String dateFrom;

  @Option(names = "--date-to", paramLabel = "YYYY-MM-DD", description = "Only documents dated on or before this day.")
  String dateTo;

  @Option(names = "--group-by", paramLabel = "meeting",
      description = "Collapse results to one entry per meeting ('meeting') or per value of a metadata field; --k then "
          + "counts groups.")
  String groupBy;

  @Option(names = "--per-group", defaultValue = "" + GroupBy.DEFAULT_PER_GROUP,
      description = "Hits kept per group with --group-by (default: ${DEFAULT-VALUE}).")
  int perGroup;

  @Option(names = "--snippet-tokens", defaultValue = "" + SearchRequest.DEFAULT_SNIPPET_TOKENS,
      description = "Snippet budget per hit in tokens (~4 characters each; default: ${DEFAULT-VALUE}).")
  int snippetTokens;

  @Option(names = "--no-rerank", description = "Serve hybrid order even if the collection has a reranker model.")
  boolean noRerank;

  @Option(names = "--explain", defaultValue = "none",
      description = "none, or features: print each hit's reranker features (default: ${DEFAULT-VALUE}).")
  String explain;

  @Option(names = "--json", description = "Print the result as one JSON object: the HTTP API's search, multi_search "
      + "or grouped response, led by the query, mode and reranker.")
  boolean json;

  @Mixin DataOptions data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    requireWords();
    checkOptions();
    SearchMode searchMode = OptionRange.parse(spec, "--mode", mode, SearchMode::parse);
    SearchFilter filter = transcriptFilter().and(parseFilters(filters));
    if (queries.size() > 1) {
      return fanOut(searchMode, filter);
    }
    String query = queries.get(0);
    SearchRequest request = SearchRequest.of(query).withK(k).withMode(searchMode)
        .withFusion(OptionRange.parse(spec, "--fusion", fusion, FusionMethod::parse), 60, 0.5).withFilter(filter)
        .withSnippetTokens(snippetTokens).withRerank(!noRerank)
        .withExplain(OptionRange.parse(spec, "--explain", explain, Explain::parse));
    GroupBy grouping = groupBy == null ? null : GroupBy.parse(groupBy, perGroup);
    try (Engine engine = data.openExisting()) {
      collection = DataOptions.collectionToRead(engine, collection);
      SearchService service = service(engine);
      long t0 = System.nanoTime();
      if (grouping != null) {
        GroupedPage<SearchHit> page = service.searchGrouped(collection, request, grouping, Caller.UNRESTRICTED);
        double ms = millisSince(t0);
        if (json) {
          JsonOutput.print(JsonOutput.extras("query", query, "mode", request.mode().label()),
              ResponseMapping.groupedSearch(page, ms));
        } else {
          printGroups(page.result(), request, ms);
          printNotices(page.notices());
        }
        return 0;
      }
      SearchPage page = service.search(collection, request, Caller.UNRESTRICTED);
      double ms = millisSince(t0);
      if (json) {
        JsonOutput.print(JsonOutput.extras("query", query, "mode", request.mode().label(), "reranker",
            page.reranker()), ResponseMapping.search(page, ms));
      } else {
        print(page, request, ms);
        printNotices(page.notices());
      }
    }
    return 0;
  }

  /**
   * The service HTTP and MCP searches go through, without cursors (this process answers once), so
   * that the command line gets the same ranking, notices and response records.
   */
  static SearchService service(Engine engine) {
    return SearchService.withoutCursors(engine.catalog(), engine.searcher(), engine.fanOut());
  }

  private static double millisSince(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  /** A result's notices (why it is empty, why hits did not group), one {@code note:} line each. */
  private static void printNotices(List<String> notices) {
    notices.forEach(n -> System.out.println("note: " + n));
  }

  /**
   * Rejects a query with no words, as HTTP does (400 {@code empty_query}): it would match nothing
   * and print "no results", which reads like a real answer.
   *
   * @throws ParameterException (a usage error) naming the empty query
   */
  private void requireWords() {
    for (int i = 0; i < queries.size(); i++) {
      if (queries.get(i).codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new ParameterException(spec.commandLine(), (queries.size() == 1 ? "QUERY" : "QUERY " + (i + 1))
            + " is empty: give the words to look for, e.g. trawl search \"how do we fail over the database\"");
      }
    }
  }

  /**
   * Rejects option values out of range, and options that do not go with several queries, before
   * the data folder is opened.
   *
   * @throws ParameterException (a usage error) naming the option
   */
  private void checkOptions() {
    OptionRange.between(spec, "-k", k, 1, SearchRequest.MAX_K);
    OptionRange.between(spec, "--per-query-k", perQueryK, 1, MultiSearchRequest.MAX_PER_QUERY_K);
    OptionRange.atLeast(spec, "--token-budget", tokenBudget, 0);
    OptionRange.atLeast(spec, "--snippet-tokens", snippetTokens, 0);
    OptionRange.between(spec, "--per-group", perGroup, 1, GroupBy.MAX_PER_GROUP);
    OptionRange.require(spec, groupBy == null || !groupBy.isBlank(), "--group-by",
        "'meeting' (one entry per meeting) or a metadata field name", "''");
    OptionRange.require(spec, queries.size() <= MultiSearchRequest.MAX_QUERIES, "QUERY",
        "at most " + MultiSearchRequest.MAX_QUERIES + " queries (run the rest in another search)", queries.size());
    if (queries.size() > 1) {
      if (groupBy != null) {
        throw OptionRange.usage(spec, "--group-by works with one query; search the queries one by one, or drop "
            + "--group-by");
      }
      if (!"none".equalsIgnoreCase(explain.strip())) {
        throw OptionRange.usage(spec, "--explain works with one query; a fan-out merges several rankings");
      }
      if (!"rrf".equalsIgnoreCase(fusion.strip())) {
        throw OptionRange.usage(spec, "--fusion applies to one query; a fan-out fuses each query with rrf");
      }
    }
  }

  /** Several queries: one fan-out over one snapshot, merged and attributed. */
  private int fanOut(SearchMode searchMode, SearchFilter filter) throws Exception {
    MultiSearchRequest request = new MultiSearchRequest(queries.stream().map(SubQuery::of).toList(), k, perQueryK,
        true, tokenBudget, searchMode, filter, snippetTokens, !noRerank);
    try (Engine engine = data.openExisting()) {
      collection = DataOptions.collectionToRead(engine, collection);
      long t0 = System.nanoTime();
      MultiSearchPage page = service(engine).multiSearch(collection, request, Caller.UNRESTRICTED, Long.MAX_VALUE);
      double ms = millisSince(t0);
      if (json) {
        JsonOutput.print(JsonOutput.extras("queries", queries, "mode", request.mode().label()),
            ResponseMapping.multiSearch(page, ms));
        return 0;
      }
      MultiSearchResult result = page.result();
      for (MultiSearchHit h : result.results()) {
        StringBuilder found = new StringBuilder();
        for (QueryMatch m : h.matched()) {
          found.append(found.isEmpty() ? "" : ", ").append('q').append(m.queryIndex() + 1).append(" #")
              .append(m.rank());
        }
        System.out.printf("%2d. %s  %s  [score %.4f; %s]%n", h.rank(), h.docId(),
            h.title().isEmpty() ? "" : "\"" + h.title() + "\"", h.score(), found);
        printSnippet(h.snippet(), h.metadata());
      }
      for (QueryReport r : result.perQuery()) {
        System.out.printf("q%d \"%s\": %d documents, %d not found by an earlier query%n", r.queryIndex() + 1,
            queries.get(r.queryIndex()), r.hits(), r.newDocuments());
      }
      System.out.printf("%d of %d merged documents, %s mode, %.1f ms%n", result.results().size(), result.total(),
          request.mode().label(), ms);
      printNotices(page.notices());
    }
    return 0;
  }

  /**
   * The filter of {@code --speaker}, {@code --meeting-id}, {@code --date-from} and {@code --date-to}.
   *
   * @throws ParameterException (a usage error) naming the option with a bad value
   */
  private SearchFilter transcriptFilter() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!speakers.isEmpty()) {
      speakers.forEach(name -> OptionRange.require(spec, !name.isBlank(), "--speaker", "a name", "''"));
      m.put(FilterParser.SPEAKER, speakers);
    }
    if (!meetingIds.isEmpty()) {
      meetingIds.forEach(id -> OptionRange.require(spec, !id.isBlank(), "--meeting-id", "a meeting id", "''"));
      m.put(TranscriptFields.MEETING_ID, meetingIds);
    }
    if (dateFrom != null) {
      m.put(FilterParser.DATE_FROM, OptionRange.parse(spec, "--date-from", dateFrom.strip(), Transcript::checkDate));
    }
    if (dateTo != null) {
      m.put(FilterParser.DATE_TO, OptionRange.parse(spec, "--date-to", dateTo.strip(), Transcript::checkDate));
    }
    if (dateFrom != null && dateTo != null) {
      OptionRange.require(spec, dateFrom.strip().compareTo(dateTo.strip()) <= 0, "--date-from",
          "on or before --date-to " + dateTo.strip(), dateFrom.strip());
    }
    return OptionRange.parse(spec, "--speaker, --meeting-id, --date-from or --date-to", m, FilterParser::parse);
  }

  private static void printGroups(GroupedResult<SearchHit> result, SearchRequest request, double ms) {
    if (result.groups().isEmpty()) {
      System.out.printf("no results (%s, %.1f ms)%n", request.mode().label(), ms);
      return;
    }
    for (var g : result.groups()) {
      SearchHit best = g.hits().get(0);
      Object date = best.metadata().get(TranscriptFields.DATE);
      System.out.printf("%2d. %s  %s%s  [score %.4f, %d hit%s]%n", g.rank(), g.key(),
          best.title().isEmpty() ? "" : "\"" + best.title() + "\"", date == null ? "" : " " + date, g.score(),
          g.hits().size(), g.hits().size() == 1 ? "" : "s");
      for (SearchHit h : g.hits()) {
        System.out.printf("    #%d %s%n", h.rank(), h.docId());
        if (!h.snippet().isEmpty()) {
          System.out.println(indentLines(h.snippet(), 100, "      "));
        }
      }
    }
    System.out.printf("%d groups from %d candidate documents, %s mode, %.1f ms%s%n", result.groups().size(),
        result.candidates(), request.mode().label(), ms, result.hasMore() ? "; more groups: raise -k" : "");
  }

  /**
   * The filter of the {@code --filter FIELD=VALUE} options (values of one field: any of them).
   *
   * @throws ParameterException (a usage error) naming the bad {@code --filter}
   */
  private SearchFilter parseFilters(List<String> filters) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0 || f.substring(0, eq).isBlank()) {
        throw OptionRange.usage(spec, "bad --filter '" + f + "': write FIELD=VALUE, e.g. --filter type=runbook");
      }
      m.computeIfAbsent(f.substring(0, eq), x -> new ArrayList<>()).add(f.substring(eq + 1));
    }
    return OptionRange.parse(spec, "--filter", m, x -> new SearchFilter(x, null));
  }

  static void print(SearchPage result, SearchRequest request, double ms) {
    if (result.hits().isEmpty()) {
      System.out.println("no results (" + request.mode().label() + ", " + String.format("%.1f", ms) + " ms)");
      return;
    }
    for (SearchHit h : result.hits()) {
      System.out.printf("%2d. %s  %s  [score %.4f%s%s]%n", h.rank(), h.docId(),
          h.title().isEmpty() ? "" : "\"" + h.title() + "\"", h.score(),
          h.lexical() == null ? "" : ", bm25 #" + h.lexical().rank(),
          h.vector() == null ? "" : ", vector #" + h.vector().rank());
      Object date = h.metadata().get(TranscriptFields.DATE);
      if (date != null && StoredChunk.isTranscript(h.metadata())) {
        System.out.println("    meeting " + h.metadata().get(TranscriptFields.MEETING_ID) + ", " + date);
      }
      printSnippet(h.snippet(), h.metadata());
      if (h.features() != null) {
        StringBuilder f = new StringBuilder();
        h.features().forEach((name, value) -> f.append(name).append('=').append(featureValue(value)).append(' '));
        System.out.println(indent(f.toString().strip(), 100));
      }
    }
    System.out.printf("%d of %d candidate documents, %s mode%s, %.1f ms%n", result.hits().size(), result.total(),
        request.mode().label(), result.reranker() == null ? "" : ", reranked by " + result.reranker(), ms);
  }

  /**
   * A feature value as {@code --explain features} prints it: whole numbers (ranks, counts, lengths)
   * without decimals, others to 4 significant digits, {@code -} when missing.
   */
  static String featureValue(Double value) {
    if (value == null || value.isNaN()) {
      return "-";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString(value.longValue());
    }
    return String.format(java.util.Locale.ROOT, "%.4g", value);
  }

  /** A hit's snippet under its line: transcript lines kept as lines, other text re-wrapped; nothing if empty. */
  private static void printSnippet(String snippet, Map<String, Object> metadata) {
    if (!snippet.isEmpty()) {
      System.out.println(StoredChunk.isTranscript(metadata) ? indentLines(snippet, 100, "    ")
          : indent(snippet.replaceAll("\\s+", " "), 100));
    }
  }

  /** Indents each line of {@code text}, wrapping long lines under the same indent. */
  private static String indentLines(String text, int width, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(indent(line, width).replaceAll("(?m)^    ", prefix));
    }
    return sb.toString();
  }

  private static String indent(String text, int width) {
    StringBuilder sb = new StringBuilder("    ");
    int col = 4;
    for (String word : text.split(" ")) {
      if (col + word.length() > width && col > 4) {
        sb.append("\n    ");
        col = 4;
      }
      sb.append(word).append(' ');
      col += word.length() + 1;
    }
    return sb.toString().stripTrailing();
  }
}
