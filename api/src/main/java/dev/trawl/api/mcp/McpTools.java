package dev.trawl.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.api.http.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP tools' names, descriptions and input schemas, written for an LLM agent choosing and
 * filling in a tool call: what each tool is for, what every argument does, defaults and limits.
 */
final class McpTools {
  static final String SEARCH = "search";
  static final String MULTI_SEARCH = "multi_search";
  static final String FETCH_DOCUMENT = "fetch_document";
  static final String FETCH_TRANSCRIPT_CONTEXT = "fetch_transcript_context";
  static final List<String> NAMES = List.of(SEARCH, MULTI_SEARCH, FETCH_DOCUMENT, FETCH_TRANSCRIPT_CONTEXT);

  static final int MAX_K = 50;
  static final int DEFAULT_TOKEN_BUDGET = 8000;
  static final int MAX_TOKEN_BUDGET = 16000;
  static final int DEFAULT_FETCH_TOKENS = 8000;
  static final int MAX_FETCH_TOKENS = 20000;
  static final int DEFAULT_CONTEXT_TURNS = 3;
  static final int MAX_CONTEXT_TURNS = 50;

  /** Tool name -> its argument names, sorted: the properties of the input schema {@link #list} publishes. */
  private static final Map<String, List<String>> ARGUMENTS = arguments(list("", List.of()));

  private McpTools() {}

  /**
   * Rejects the arguments of a call to {@code tool} that its input schema does not list. The
   * names come from the schema {@link #list} publishes, so what a tool accepts and what it
   * advertises cannot drift apart.
   *
   * @param tool one of {@link #NAMES}
   * @param args the call's arguments object
   * @throws IllegalArgumentException naming the unknown arguments and every argument {@code tool} takes
   */
  static void checkArguments(String tool, JsonNode args) {
    List<String> known = ARGUMENTS.get(tool);
    List<String> unknown = new ArrayList<>();
    args.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        unknown.add("'" + name + "'");
      }
    });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown argument" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown) + " for " + tool + "; its arguments are: " + String.join(", ", known));
    }
  }

  private static Map<String, List<String>> arguments(ArrayNode tools) {
    Map<String, List<String>> byTool = new LinkedHashMap<>();
    for (JsonNode tool : tools) {
      List<String> names = new ArrayList<>();
      tool.get("inputSchema").get("properties").fieldNames().forEachRemaining(names::add);
      names.sort(null);
      byTool.put(tool.get("name").asText(), List.copyOf(names));
    }
    return Map.copyOf(byTool);
  }

  /** The {@code tools} array of a {@code tools/list} result. */
  static ArrayNode list(String defaultCollection, List<String> collections) {
    String known = " Default: \"" + defaultCollection + "\". Collections on this server: "
        + (collections.isEmpty() ? "(none yet)" : String.join(", ", collections)) + ".";
    String where = "Collection to search." + known;
    ArrayNode tools = WireJson.MAPPER.createArrayNode();

    ObjectNode multi = tool(tools, MULTI_SEARCH, "Search with several queries at once (best: 3-8): differently "
        + "worded versions of one need (synonyms, the likely title, a question, key terms) or the separate questions "
        + "of a task. The queries run in parallel on one consistent index state; results are merged into one list "
        + "without duplicate documents: documents that several queries rank high first, then each query's own best "
        + "results, ahead of anything the queries only rank low (reciprocal rank fusion). Each "
        + "result says which queries found it (matched: query_index and rank); per_query tells how many new "
        + "documents each query added, so you can see which phrasings were redundant. Snippets share token_budget. "
        + "Prefer this over several search calls. If 'cursor' is returned, call again with only {cursor} (and the "
        + "same collection) for the next page of the same list. Use fetch_document for a result's full text.");
    ObjectNode mp = props(multi, List.of("queries"));
    ObjectNode q = prop(mp, "queries", "array", "1 to 32 plain-language queries (no query syntax; every character "
        + "is text). Required unless cursor is given.");
    q.putObject("items").put("type", "string").put("minLength", 1);
    q.put("minItems", 1).put("maxItems", 32);
    prop(mp, "collection", "string", where);
    prop(mp, "k", "integer", "Results per page of the merged list. Default 20, 1 to " + MAX_K + ".")
        .put("minimum", 1).put("maximum", MAX_K);
    prop(mp, "per_query_k", "integer", "How many documents each query contributes before merging. Default 50, 1 to "
        + "200. Raise it to dig deeper when recall matters.").put("minimum", 1).put("maximum", 200);
    prop(mp, "token_budget", "integer", "Cap on the total snippet text of one page, in tokens (1 token ~ 4 "
        + "characters). Best results get snippets first; later ones may get none (fetch them by id). Default "
        + DEFAULT_TOKEN_BUDGET + ", at most " + MAX_TOKEN_BUDGET + ".").put("minimum", 0).put("maximum",
        MAX_TOKEN_BUDGET);
    filters(mp);
    groupBy(mp);
    cursor(mp);
    mode(mp);

    ObjectNode search = tool(tools, SEARCH, "Search with one query. Returns the best documents with a snippet of "
        + "the best matching passage, the passage id, metadata, and where the keyword (lexical) and semantic "
        + "(vector) retrievers ranked each hit. For broad or ambiguous needs use multi_search with several "
        + "phrasings instead. If 'cursor' is returned, call again with only {cursor} for the next page.");
    ObjectNode sp = props(search, List.of("query"));
    prop(sp, "query", "string", "What to look for, in plain words (no query syntax). Required unless cursor is "
        + "given.").put("minLength", 1);
    prop(sp, "collection", "string", where);
    prop(sp, "k", "integer", "Number of results. Default 10, 1 to " + MAX_K + ".").put("minimum", 1)
        .put("maximum", MAX_K);
    filters(sp);
    groupBy(sp);
    cursor(sp);
    mode(sp);

    ObjectNode fetch = tool(tools, FETCH_DOCUMENT, "Read a document found by search or multi_search: its full text "
        + "(cut at max_tokens, with a note when cut), title, metadata and passage list, or only one passage by its "
        + "id (the passage.id of a result, like \"doc-id#2\"). Use it when a snippet is not enough.");
    ObjectNode fp = props(fetch, List.of("id"));
    prop(fp, "id", "string", "Document id (the 'id' of a result).").put("minLength", 1);
    prop(fp, "collection", "string", "Collection that holds the document: the one the result came from." + known);
    prop(fp, "passage", "string", "Optional passage id (e.g. \"doc-id#2\") or index (\"2\") to read only that "
        + "passage.");
    prop(fp, "max_tokens", "integer", "Cap on the returned text in tokens (1 token ~ 4 characters). Default "
        + DEFAULT_FETCH_TOKENS + ", at most " + MAX_FETCH_TOKENS + ".").put("minimum", 100).put("maximum",
        MAX_FETCH_TOKENS);

    ObjectNode context = tool(tools, FETCH_TRANSCRIPT_CONTEXT, "Read what was said around a meeting transcript hit "
        + "(a result whose metadata has type \"transcript\", with an id like \"meeting-id#c3\"): the chunk's turns "
        + "plus 'before' turns before and 'after' turns after it, in order, each with speaker, start/end seconds, "
        + "text, in_chunk (true for the hit's own turns) and a display line \"[00:14:07-00:15:32] Name: text\". "
        + "more_before / more_after say whether the meeting goes on; call again with larger counts to read further.");
    ObjectNode cp = props(context, List.of("id"));
    prop(cp, "id", "string", "A transcript result's id (\"meeting-id#c3\") or its passage.id.").put("minLength", 1);
    prop(cp, "collection", "string", "Collection that holds the transcript: the one the result came from."
        + known);
    prop(cp, "before", "integer", "Turns before the chunk. Default " + DEFAULT_CONTEXT_TURNS + ", 0 to "
        + MAX_CONTEXT_TURNS + ".").put("minimum", 0).put("maximum", MAX_CONTEXT_TURNS);
    prop(cp, "after", "integer", "Turns after the chunk. Default " + DEFAULT_CONTEXT_TURNS + ", 0 to "
        + MAX_CONTEXT_TURNS + ".").put("minimum", 0).put("maximum", MAX_CONTEXT_TURNS);
    return tools;
  }

  private static ObjectNode tool(ArrayNode tools, String name, String description) {
    ObjectNode t = tools.addObject();
    t.put("name", name);
    t.put("description", description);
    t.putObject("annotations").put("readOnlyHint", true).put("openWorldHint", false);
    return t;
  }

  private static ObjectNode props(ObjectNode tool, List<String> required) {
    ObjectNode schema = tool.putObject("inputSchema");
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    ArrayNode req = schema.putArray("required");
    required.forEach(req::add);
    schema.put("additionalProperties", false);
    return props;
  }

  private static ObjectNode prop(ObjectNode props, String name, String type, String description) {
    ObjectNode p = props.putObject(name);
    p.put("type", type);
    p.put("description", description);
    return p;
  }

  private static void filters(ObjectNode props) {
    ObjectNode f = prop(props, "filters", "object", "Optional restrictions; several keys must all match. "
        + "{field: value} or {field: [values]} keeps documents whose metadata field equals one of the values; "
        + "{field: {\"from\": a, \"to\": b}} is an inclusive range. Meeting transcripts: \"speaker\" (a name or "
        + "names; chunks where that person speaks; case-insensitive, a first name works when unambiguous), "
        + "\"meeting_id\", \"date_from\" / \"date_to\" (YYYY-MM-DD, inclusive), \"type\": \"transcript\" for "
        + "transcripts only. Examples: {\"type\": [\"runbook\", \"postmortem\"], \"team\": \"sre\"}; "
        + "{\"speaker\": \"Sarah Sachs\", \"date_from\": \"2026-03-01\"}. Values match exactly. When filters leave "
        + "nothing, the result's \"notices\" say which condition failed and list the fields or values in use.");
    ObjectNode fp = f.putObject("properties");
    ObjectNode speaker = fp.putObject("speaker");
    speaker.put("description", "Transcript chunks in which this person (or one of these people) speaks.");
    speaker.putArray("anyOf").add(WireJson.MAPPER.createObjectNode().put("type", "string"))
        .addObject().put("type", "array").putObject("items").put("type", "string");
    ObjectNode meeting = fp.putObject("meeting_id");
    meeting.put("description", "Chunks of this meeting (or these meetings).");
    meeting.putArray("anyOf").add(WireJson.MAPPER.createObjectNode().put("type", "string"))
        .addObject().put("type", "array").putObject("items").put("type", "string");
    fp.putObject("date_from").put("type", "string").put("description", "Dated on or after this day, YYYY-MM-DD.");
    fp.putObject("date_to").put("type", "string").put("description", "Dated on or before this day, YYYY-MM-DD.");
    ObjectNode any = f.putObject("additionalProperties");
    ArrayNode oneOf = any.putArray("anyOf");
    oneOf.addObject().put("type", "string");
    oneOf.addObject().put("type", "number");
    oneOf.addObject().put("type", "boolean");
    oneOf.addObject().put("type", "array").putObject("items").putArray("type").add("string").add("number")
        .add("boolean");
    ObjectNode range = oneOf.addObject().put("type", "object").put("additionalProperties", false);
    ObjectNode bounds = range.putObject("properties");
    bounds.putObject("from").putArray("type").add("string").add("number");
    bounds.putObject("to").putArray("type").add("string").add("number");
  }

  private static void groupBy(ObjectNode props) {
    prop(props, "group_by", "string", "Optional: \"meeting\" collapses results to one entry per meeting "
        + "(metadata meeting_id), each with its best hits; any other value groups by that metadata field, and a "
        + "result without it is a group of its own (\"notices\" say when no result has the field). k then counts "
        + "groups, and the result's cursor (send it alone, with the same collection) returns the next k groups.");
    prop(props, "per_group", "integer", "With group_by: hits kept per group, best first. Default 3, 1 to 20.")
        .put("minimum", 1).put("maximum", 20);
  }

  private static void cursor(ObjectNode props) {
    prop(props, "cursor", "string", "The 'cursor' of a previous result of this tool, to get its next page (same "
        + "ranking, same index state, no duplicates). Cursors expire 5 minutes after their last use.");
  }

  private static void mode(ObjectNode props) {
    ObjectNode m = prop(props, "mode", "string", "Retrievers: hybrid (default; keyword + semantic), lexical "
        + "(exact words, names, codes) or vector (meaning, paraphrases).");
    m.putArray("enum").add("hybrid").add("lexical").add("vector");
  }

  /** Whether an argument object names a cursor (then the other search arguments are not needed). */
  static boolean hasCursor(JsonNode args) {
    return args.hasNonNull("cursor");
  }
}
