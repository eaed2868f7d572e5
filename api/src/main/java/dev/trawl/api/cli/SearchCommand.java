package dev.trawl.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.query.Explain;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.SearchResult;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.fusion.FusionMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trawl search "<query>"}: one search, printed for people or as JSON. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search a collection. The query is free text: no syntax, any characters allowed."})
public final class SearchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for, in plain words.")
  String query;

  @Option(names = {"-k", "--k"}, defaultValue = "10", description = "Number of documents (1-1000, default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = {"-m", "--mode"}, defaultValue = "hybrid",
      description = "lexical, vector or hybrid (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--fusion", defaultValue = "rrf", description = "rrf or linear (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(names = {"-c", "--collection"}, defaultValue = Catalog.DEFAULT_COLLECTION,
      description = "Collection to search (default: ${DEFAULT-VALUE}).")
  String collection;

  @Option(names = {"-f", "--filter"}, paramLabel = "FIELD=VALUE",
      description = "Only documents whose metadata FIELD equals VALUE; repeat for more (same field: any of).")
  List<String> filters = new ArrayList<>();

  @Option(names = "--snippet-tokens", defaultValue = "" + SearchRequest.DEFAULT_SNIPPET_TOKENS,
      description = "Snippet budget per hit in tokens (~4 characters each; default: ${DEFAULT-VALUE}).")
  int snippetTokens;

  @Option(names = "--no-rerank", description = "Serve hybrid order even if the collection has a reranker model.")
  boolean noRerank;

  @Option(names = "--explain", defaultValue = "none",
      description = "none, or features: print each hit's reranker features (default: ${DEFAULT-VALUE}).")
  String explain;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    SearchRequest request = SearchRequest.of(query).withK(k).withMode(SearchMode.parse(mode))
        .withFusion(FusionMethod.parse(fusion), 60, 0.5).withFilter(parseFilters(filters))
        .withSnippetTokens(snippetTokens).withRerank(!noRerank).withExplain(Explain.parse(explain));
    try (Engine engine = data.openEngine()) {
      var c = engine.catalog().get(collection);
      long t0 = System.nanoTime();
      SearchResult result;
      try (CollectionSnapshot s = c.snapshot()) {
        result = engine.searcher().search(s, request);
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query);
        out.put("mode", request.mode().label());
        out.put("reranker", result.reranker());
        out.put("hits", result.hits());
        out.put("took_ms", Math.round(ms * 10) / 10.0);
        System.out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .writeValueAsString(out));
      } else {
        print(result, request, ms);
      }
    }
    return 0;
  }

  static SearchFilter parseFilters(List<String> filters) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad --filter '" + f + "': write FIELD=VALUE, e.g. --filter type=runbook");
      }
      m.computeIfAbsent(f.substring(0, eq), x -> new ArrayList<>()).add(f.substring(eq + 1));
    }
    return new SearchFilter(m, null);
  }

  static void print(SearchResult result, SearchRequest request, double ms) {
    if (result.hits().isEmpty()) {
      System.out.println("no results (" + request.mode().label() + ", " + String.format("%.1f", ms) + " ms)");
      return;
    }
    for (SearchHit h : result.hits()) {
      System.out.printf("%2d. %s  %s  [score %.4f%s%s]%n", h.rank(), h.docId(),
          h.title().isEmpty() ? "" : "\"" + h.title() + "\"", h.score(),
          h.lexical() == null ? "" : ", bm25 #" + h.lexical().rank(),
          h.vector() == null ? "" : ", vector #" + h.vector().rank());
      if (!h.snippet().isEmpty()) {
        System.out.println(indent(h.snippet().replaceAll("\\s+", " "), 100));
      }
      if (h.features() != null) {
        StringBuilder f = new StringBuilder();
        h.features().forEach((name, value) -> f.append(name).append('=')
            .append(value == null ? "-" : String.format(java.util.Locale.ROOT, "%.4g", value)).append(' '));
        System.out.println(indent(f.toString().strip(), 100));
      }
    }
    System.out.printf("%d of %d candidate documents, %s mode%s, %.1f ms%n", result.hits().size(), result.candidates(),
        request.mode().label(), result.reranker() == null ? "" : ", reranked by " + result.reranker(), ms);
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
