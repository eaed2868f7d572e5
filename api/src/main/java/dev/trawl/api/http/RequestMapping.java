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
      r = r.withK(range(K, b.k()));
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
    int k = b.k() == null ? MultiSearchRequest.DEFAULT_K : range(K, b.k());
    int perQueryK = b.perQueryK() == null ? MultiSearchRequest.DEFAULT_PER_QUERY_K
        : range(PER_QUERY_K, b.perQueryK());
    int budget = b.tokenBudget() == null ? 0 : range(TOKEN_BUDGET, b.tokenBudget());
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

  /** An integer body field and its allowed values: one table for the range checks and for messages. */
  record IntField(String path, int min, int max) {}

  static final IntField K = new IntField("k", 1, SearchRequest.MAX_K);
  static final IntField PER_QUERY_K = new IntField("per_query_k", 1, MultiSearchRequest.MAX_PER_QUERY_K);
  static final IntField TOKEN_BUDGET = new IntField("token_budget", 0, MAX_TOKEN_BUDGET);
  static final IntField SNIPPET_MAX_TOKENS = new IntField("snippet.max_tokens", 0, MAX_SNIPPET_TOKENS);
  static final IntField PER_GROUP = new IntField("per_group", 1, GroupBy.MAX_PER_GROUP);
  static final IntField TIMEOUT_MS = new IntField("timeout_ms", 1, ServerConfig.MAX_TIMEOUT_MS);
  private static final List<IntField> INT_FIELDS = List.of(K, PER_QUERY_K, TOKEN_BUDGET, SNIPPET_MAX_TOKENS,
      PER_GROUP, TIMEOUT_MS);

  /**
   * The allowed values of the integer body field at {@code path} ({@code snippet.max_tokens}, or
   * just its last segment {@code max_tokens}), as "between MIN and MAX", or null for a path that is
   * not one of them: for the message about a number too large to parse, which {@link WireJson}
   * gives before any {@link #range} check can run.
   */
  static String bounds(String path) {
    for (IntField f : INT_FIELDS) {
      if (path != null && (f.path().equals(path) || f.path().endsWith("." + path))) {
        return "between " + f.min() + " and " + f.max();
      }
    }
    return null;
  }

  /** {@code value} of {@code field}, checked against its bounds. */
  static int range(IntField field, int value) {
    return range(field.path(), value, field.min(), field.max());
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
    return range(SNIPPET_MAX_TOKENS, s.maxTokens());
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
   * {@code timeout_ms} may go with a cursor and are not among {@code nameValue}.
   *
   * @param nameValue the body's other fields as wire name, value pairs; a null value is absent
   */
  static void cursorAlone(String cursor, Object... nameValue) {
    if (cursor == null) {
      return;
    }
    List<String> present = new ArrayList<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      if (nameValue[i + 1] != null) {
        present.add("'" + nameValue[i] + "'");
      }
    }
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
    int n = perGroup == null ? GroupBy.DEFAULT_PER_GROUP : range(PER_GROUP, perGroup);
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
    return requested == null ? dflt : range(TIMEOUT_MS, requested);
  }
}
