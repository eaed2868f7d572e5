package dev.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.http.WireJson.BadRequest;
import dev.trawl.api.http.WireTypes.MultiSearchBody;
import dev.trawl.api.http.WireTypes.SearchBody;
import dev.trawl.api.http.WireTypes.SnippetBody;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.fanout.SubQuery;
import dev.trawl.query.filter.SearchFilter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns validated wire bodies into the query module's requests. Every rule that a caller can
 * break has a message here that says how to fix the request; the domain records' own checks
 * (k range, query count) back them up with theirs.
 */
public final class RequestMapping {
  /** Most characters of one query (longer text is almost certainly a pasted document). */
  public static final int MAX_QUERY_CHARS = 4096;
  public static final int MAX_SNIPPET_TOKENS = 2000;

  private RequestMapping() {}

  /** A single search from its body. */
  public static SearchRequest search(SearchBody b) {
    String query = requireQuery(b.query(), "query");
    SearchRequest r = SearchRequest.of(query);
    if (b.k() != null) {
      r = r.withK(range("k", b.k(), 1, SearchRequest.MAX_K));
    }
    return r.withMode(SearchMode.parse(b.mode())).withFilter(filters(b.filters(), "filters"))
        .withSnippetTokens(snippetTokens(b.snippet(), SearchRequest.DEFAULT_SNIPPET_TOKENS))
        .withRerank(b.rerank() == null || b.rerank()).withExplain(dev.trawl.query.Explain.parse(b.explain()));
  }

  /** A fan-out from its body. */
  public static MultiSearchRequest multiSearch(MultiSearchBody b) {
    if (b.queries() == null) {
      throw new BadRequest("missing_field", "missing field 'queries': send 1 to " + MultiSearchRequest.MAX_QUERIES
          + " queries, e.g. {\"queries\": [\"database failover\", \"replica promotion\"]}");
    }
    if (b.queries().isEmpty() || b.queries().size() > MultiSearchRequest.MAX_QUERIES) {
      throw new BadRequest("out_of_range",
          "'queries' must hold 1 to " + MultiSearchRequest.MAX_QUERIES + " queries, got " + b.queries().size()
              + (b.queries().size() > MultiSearchRequest.MAX_QUERIES ? "; split them over several requests" : ""));
    }
    List<SubQuery> queries = new ArrayList<>(b.queries().size());
    for (int i = 0; i < b.queries().size(); i++) {
      queries.add(subQuery(b.queries().get(i), "queries[" + i + "]"));
    }
    int k = b.k() == null ? MultiSearchRequest.DEFAULT_K : range("k", b.k(), 1, SearchRequest.MAX_K);
    int perQueryK = b.perQueryK() == null ? MultiSearchRequest.DEFAULT_PER_QUERY_K
        : range("per_query_k", b.perQueryK(), 1, MultiSearchRequest.MAX_PER_QUERY_K);
    int budget = b.tokenBudget() == null ? 0 : range("token_budget", b.tokenBudget(), 0, 1_000_000);
    return new MultiSearchRequest(queries, k, perQueryK, b.dedupe() == null || b.dedupe(), budget,
        SearchMode.parse(b.mode()), filters(b.filters(), "filters"),
        snippetTokens(b.snippet(), SearchRequest.DEFAULT_SNIPPET_TOKENS));
  }

  private static SubQuery subQuery(JsonNode n, String where) {
    if (n == null || n.isNull()) {
      throw new BadRequest("wrong_type", where + " is null: each query is a string or {\"query\": \"...\"}");
    }
    if (n.isTextual()) {
      return new SubQuery(requireQuery(n.asText(), where), SearchFilter.NONE, 0);
    }
    if (!n.isObject()) {
      throw new BadRequest("wrong_type", where + " must be a string or an object {\"query\", \"filters\", \"k\"}");
    }
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!Set.of("query", "filters", "k").contains(f)) {
        throw new BadRequest("unknown_field", "unknown field '" + where + "." + f + "'; allowed: query, filters, k");
      }
    }
    JsonNode q = n.get("query");
    if (q == null || !q.isTextual()) {
      throw new BadRequest(q == null ? "missing_field" : "wrong_type", where + ".query must be a string");
    }
    int k = 0;
    JsonNode kn = n.get("k");
    if (kn != null && !kn.isNull()) {
      if (!kn.isIntegralNumber() || !kn.canConvertToInt()) {
        throw new BadRequest("wrong_type", where + ".k must be an integer");
      }
      k = range(where + ".k", kn.intValue(), 1, MultiSearchRequest.MAX_PER_QUERY_K);
    }
    Map<String, JsonNode> f = null;
    JsonNode fn = n.get("filters");
    if (fn != null && !fn.isNull()) {
      if (!fn.isObject()) {
        throw new BadRequest("wrong_type", where + ".filters must be an object like {\"type\": \"runbook\"}");
      }
      f = new LinkedHashMap<>();
      for (var it = fn.fields(); it.hasNext(); ) {
        var e = it.next();
        f.put(e.getKey(), e.getValue());
      }
    }
    return new SubQuery(requireQuery(q.asText(), where + ".query"), filters(f, where + ".filters"), k);
  }

  private static String requireQuery(String q, String field) {
    if (q == null) {
      throw new BadRequest("missing_field", "missing field '" + field + "': the text to search for");
    }
    if (q.length() > MAX_QUERY_CHARS) {
      throw new BadRequest("query_too_long", "'" + field + "' has " + q.length() + " characters; at most "
          + MAX_QUERY_CHARS + " are allowed (send the key phrases, or split it into several queries)");
    }
    // Control characters carry no words; whitespace between words is kept as sent.
    String cleaned = q.codePoints().filter(c -> !Character.isISOControl(c) || Character.isWhitespace(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    if (cleaned.isBlank()) {
      throw new BadRequest("empty_query", "'" + field + "' is empty (only whitespace or control characters): send "
          + "the words to search for");
    }
    return cleaned;
  }

  static int range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new BadRequest("out_of_range", "'" + field + "' must be between " + min + " and " + max + ", got "
          + value);
    }
    return value;
  }

  private static int snippetTokens(SnippetBody s, int dflt) {
    if (s == null || s.maxTokens() == null) {
      return dflt;
    }
    return range("snippet.max_tokens", s.maxTokens(), 0, MAX_SNIPPET_TOKENS);
  }

  /** {@code {field: value | [values]}} with scalar values; all fields must match, any listed value per field. */
  static SearchFilter filters(Map<String, JsonNode> filters, String where) {
    if (filters == null || filters.isEmpty()) {
      return SearchFilter.NONE;
    }
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : filters.entrySet()) {
      JsonNode v = e.getValue();
      List<String> values = new ArrayList<>();
      if (v != null && v.isArray()) {
        for (JsonNode item : v) {
          values.add(scalar(item, where + "." + e.getKey()));
        }
        if (values.isEmpty()) {
          throw new BadRequest("wrong_type", where + "." + e.getKey() + " is an empty array: list at least one value");
        }
      } else {
        values.add(scalar(v, where + "." + e.getKey()));
      }
      m.put(e.getKey(), List.copyOf(new LinkedHashSet<>(values)));
    }
    return new SearchFilter(m, null);
  }

  private static String scalar(JsonNode v, String where) {
    if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
      throw new BadRequest("wrong_type", where + " must be a string, number or boolean, or an array of them"
          + " (metadata equality, e.g. {\"type\": [\"runbook\", \"design\"]})");
    }
    return v.asText();
  }

  /** Parses {@code X-Trawl-Principals: group:hr, user:ana}; null header = unrestricted. */
  public static Set<String> principals(String header) {
    if (header == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String p : header.split(",")) {
      String t = p.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (t.length() > 256) {
        throw new BadRequest("invalid_principal", "a principal in X-Trawl-Principals is longer than 256 characters");
      }
      out.add(t);
    }
    return out;
  }

  /** {@code timeout_ms}, defaulted and bounded. */
  public static int timeoutMs(Integer requested, int dflt) {
    return requested == null ? dflt : range("timeout_ms", requested, 1, ServerConfig.MAX_TIMEOUT_MS);
  }
}
