package dev.trawl.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.api.http.WireJson.BadRequest;
import dev.trawl.api.http.WireTypes.MultiSearchBody;
import dev.trawl.api.http.WireTypes.SearchBody;
import dev.trawl.api.http.WireTypes.SnippetBody;
import dev.trawl.api.http.WireTypes.TranscriptBody;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.indexer.transcript.TranscriptFormat;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.fanout.SubQuery;
import dev.trawl.query.filter.FilterParser;
import dev.trawl.query.filter.SearchFilter;
import dev.trawl.query.group.GroupBy;
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
  /** Most snippet tokens a whole fan-out response may carry ({@code token_budget}). */
  public static final int MAX_TOKEN_BUDGET = 1_000_000;

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
    int budget = b.tokenBudget() == null ? 0 : range("token_budget", b.tokenBudget(), 0, MAX_TOKEN_BUDGET);
    return new MultiSearchRequest(queries, k, perQueryK, b.dedupe() == null || b.dedupe(), budget,
        SearchMode.parse(b.mode()), filters(b.filters(), "filters"),
        snippetTokens(b.snippet(), SearchRequest.DEFAULT_SNIPPET_TOKENS), b.rerank() == null || b.rerank());
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

  /**
   * The allowed values of the integer body field named {@code name} (its last path segment, as
   * in {@code max_tokens} of {@code snippet.max_tokens}), as "between MIN and MAX", or null for a
   * name that is not one of them: for the message about a number too large to parse, which
   * {@link WireJson} gives before any {@link #range} check can run.
   */
  static String bounds(String name) {
    int[] b = switch (name == null ? "" : name) {
      case "k" -> new int[] {1, SearchRequest.MAX_K};
      case "per_query_k" -> new int[] {1, MultiSearchRequest.MAX_PER_QUERY_K};
      case "token_budget" -> new int[] {0, MAX_TOKEN_BUDGET};
      case "max_tokens" -> new int[] {0, MAX_SNIPPET_TOKENS};
      case "per_group" -> new int[] {1, GroupBy.MAX_PER_GROUP};
      case "timeout_ms" -> new int[] {1, ServerConfig.MAX_TIMEOUT_MS};
      default -> null;
    };
    return b == null ? null : "between " + b[0] + " and " + b[1];
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

  /**
   * A {@code filters} object ({@link FilterParser}'s keys): {@code {field: value | [values]}}
   * equality (all fields must match, any listed value per field), {@code speaker},
   * {@code meeting_id}, {@code date_from} / {@code date_to}, and {@code {field: {"from", "to"}}}
   * ranges.
   */
  static SearchFilter filters(Map<String, JsonNode> filters, String where) {
    if (filters == null || filters.isEmpty()) {
      return SearchFilter.NONE;
    }
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : filters.entrySet()) {
      String field = where + "." + e.getKey();
      JsonNode v = e.getValue();
      Object value;
      if (v != null && v.isArray()) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : v) {
          values.add(scalar(item, field));
        }
        if (values.isEmpty()) {
          throw new BadRequest("wrong_type", field + " is an empty array: list at least one value");
        }
        value = List.copyOf(new LinkedHashSet<>(values));
      } else if (v != null && v.isObject() && !RESERVED_FILTERS.contains(e.getKey())) {
        value = range(v, field);
      } else {
        value = scalar(v, field);
      }
      plain.put(e.getKey(), value);
    }
    try {
      return FilterParser.parse(plain);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("invalid_filter", where + ": " + e.getMessage());
    }
  }

  /** Filter keys with a meaning of their own, which take no range object. */
  private static final Set<String> RESERVED_FILTERS = Set.of(FilterParser.SPEAKER, FilterParser.DATE_FROM,
      FilterParser.DATE_TO, TranscriptFields.MEETING_ID);

  private static Map<String, String> range(JsonNode v, String where) {
    Map<String, String> range = new LinkedHashMap<>();
    for (var it = v.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().equals("from") && !e.getKey().equals("to")) {
        throw new BadRequest("wrong_type", where + " is an object with '" + e.getKey() + "': an object here is a "
            + "range {\"from\": a, \"to\": b} (inclusive; either may be left out); for equality send a value, "
            + "e.g. {\"type\": \"runbook\"}");
      }
      range.put(e.getKey(), scalar(e.getValue(), where + "." + e.getKey()));
    }
    if (range.isEmpty()) {
      throw new BadRequest("wrong_type", where + " is an empty range: give \"from\", \"to\" or both");
    }
    return range;
  }

  private static String scalar(JsonNode v, String where) {
    if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
      throw new BadRequest("wrong_type", where + " must be a string, number or boolean, or an array of them"
          + " (metadata equality, e.g. {\"type\": [\"runbook\", \"design\"]}), or a range {\"from\", \"to\"}");
    }
    return v.asText();
  }

  /**
   * Refuses a next-page request that also sends fields of a new request: a cursor carries the
   * query, filters and settings of the request that returned it, so such fields would be ignored
   * and the caller would read a page of a search it did not mean. {@code k} (the page size) and
   * {@code timeout_ms} may go with a cursor and are not in {@code fields}.
   *
   * @param fields the body's other fields by wire name, null where absent
   */
  static void cursorAlone(String cursor, Map<String, Object> fields) {
    if (cursor == null) {
      return;
    }
    List<String> present = new ArrayList<>();
    fields.forEach((name, value) -> {
      if (value != null) {
        present.add("'" + name + "'");
      }
    });
    if (!present.isEmpty()) {
      throw new BadRequest("invalid_request", "send the cursor alone (with 'k' to change the page size): it already "
          + "carries the queries, filters and settings of the request that returned it; drop "
          + String.join(", ", present) + ", or leave out the cursor to start a new search");
    }
  }

  /** {@code group_by} and {@code per_group} of a search body, or null when not grouping. */
  public static GroupBy groupBy(String groupBy, Integer perGroup, String cursor) {
    if (groupBy == null) {
      if (perGroup != null) {
        throw new BadRequest("invalid_request", "'per_group' needs 'group_by', e.g. {\"group_by\": \"meeting\", "
            + "\"per_group\": 3}");
      }
      return null;
    }
    if (cursor != null) {
      throw new BadRequest("invalid_request", "send the cursor alone: it already carries the grouping of the request "
          + "that returned it (drop 'group_by' and 'per_group')");
    }
    if (groupBy.isBlank()) {
      throw new BadRequest("invalid_request", "'group_by' is empty: send \"meeting\" (one group per meeting) or "
          + "a metadata field name");
    }
    int n = perGroup == null ? GroupBy.DEFAULT_PER_GROUP : range("per_group", perGroup, 1, GroupBy.MAX_PER_GROUP);
    return GroupBy.parse(groupBy, n);
  }

  /** The service's ingest request from a {@code POST .../transcripts} body. */
  static TranscriptService.IngestRequest transcript(TranscriptBody b) {
    if (b.content() == null) {
      throw new BadRequest("missing_field", "missing field 'content': the transcript file's text ('[00:00:05] "
          + "Name: text' lines, 'Name: text' lines, WebVTT, SRT, or a JSON transcript as a string)");
    }
    if (b.content().isBlank()) {
      throw new BadRequest("invalid_request", "'content' is empty: send the transcript's text");
    }
    if (b.content().length() > TranscriptService.MAX_CONTENT_CHARS) {
      throw new BadRequest("out_of_range", "'content' has " + b.content().length() + " characters; at most "
          + TranscriptService.MAX_CONTENT_CHARS + ": split the meeting into parts");
    }
    try {
      TranscriptFormat.parse(b.format());
    } catch (IllegalArgumentException e) {
      throw new BadRequest("invalid_request", e.getMessage());
    }
    return new TranscriptService.IngestRequest(b.content(), "content", b.meetingId(), b.title(), b.date(), b.format(),
        strings(b.participants(), "participants"), strings(b.acl(), "acl"));
  }

  private static List<String> strings(List<String> values, String field) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank()) {
        throw new BadRequest("wrong_type", field + "[" + i + "] is empty: each entry is a non-empty string");
      }
    }
    return values;
  }

  /** An optional integer query parameter ({@code ?before=3}) in {@code [min, max]}. */
  static int queryInt(String value, String name, int dflt, int min, int max) {
    if (value == null) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest("wrong_type", "query parameter '" + name + "' must be an integer, got '" + value + "'");
    }
    return range(name, n, min, max);
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
