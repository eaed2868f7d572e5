package dev.trawl.ranker.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries of a BEIR dataset, read from its {@code queries.jsonl}.
 *
 * <p>That file holds the queries of every split; the queries of one split are those whose ids
 * appear in the split's qrels ({@link #forSplit(Qrels)}). Each non-blank line is a JSON object
 * with a string {@code "_id"} (a JSON integer is accepted and read as its decimal text), a string
 * {@code "text"}, and optionally an object {@code "metadata"}; other fields are ignored.
 *
 * <p>Instances are immutable and thread-safe; queries keep the file's order.
 */
public final class BeirQueries {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final Map<String, Query> byId;

  private BeirQueries(Map<String, Query> byId) {
    this.byId = byId;
  }

  /**
   * Reads a {@code queries.jsonl} file (UTF-8, LF or CRLF).
   *
   * @throws MalformedFileException naming the file and line, if a line is not valid JSON, is not
   *     an object, lacks a string {@code _id} or {@code text}, has a non-object {@code metadata},
   *     or repeats an id
   */
  public static BeirQueries read(Path queriesJsonl) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(queriesJsonl, StandardCharsets.UTF_8)) {
      return read(reader, queriesJsonl.toString());
    }
  }

  /**
   * Reads queries in JSON-lines form from a reader, as {@link #read(Path)} does.
   *
   * @param source how error messages name the input, e.g. its file name
   */
  public static BeirQueries read(BufferedReader reader, String source) throws IOException {
    Map<String, Query> byId = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte order mark is not part of the first field
      }
      if (line.isBlank()) {
        continue;
      }
      Query query = parseLine(line, source, lineNo);
      Integer first = lineOf.putIfAbsent(query.id(), lineNo);
      if (first != null) {
        throw new MalformedFileException(
            source, lineNo, "query id " + query.id() + " repeated (first at line " + first + ")");
      }
      byId.put(query.id(), query);
    }
    return new BeirQueries(byId);
  }

  /**
   * Reads the queries of one split of a dataset in BEIR layout: those of {@code
   * <datasetDir>/queries.jsonl} whose ids appear in {@code <datasetDir>/qrels/<split>.tsv}.
   *
   * @throws IllegalStateException if a query id of the qrels has no line in queries.jsonl
   */
  public static List<Query> readSplit(Path datasetDir, String split) throws IOException {
    Qrels qrels = Qrels.readBeirSplit(datasetDir, split);
    return read(datasetDir.resolve("queries.jsonl")).forSplit(qrels);
  }

  /**
   * The queries judged in {@code qrels}, in this file's order.
   *
   * @throws IllegalStateException if a query id of the qrels is not among these queries; the
   *     message lists up to ten such ids
   */
  public List<Query> forSplit(Qrels qrels) {
    List<String> missing = new ArrayList<>();
    for (String qid : qrels.queryIds()) {
      if (!byId.containsKey(qid)) {
        missing.add(qid);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          missing.size()
              + " judged query ids have no query text, e.g. "
              + missing.subList(0, Math.min(10, missing.size())));
    }
    List<Query> result = new ArrayList<>(qrels.queryCount());
    for (Query q : byId.values()) {
      if (qrels.contains(q.id())) {
        result.add(q);
      }
    }
    return List.copyOf(result);
  }

  /** All queries, in file order. */
  public List<Query> all() {
    return List.copyOf(byId.values());
  }

  /** The query with this id, or null if there is none. */
  public Query get(String id) {
    return byId.get(id);
  }

  /** Number of queries, over all splits. */
  public int size() {
    return byId.size();
  }

  private static Query parseLine(String line, String source, int lineNo)
      throws MalformedFileException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(source, lineNo, "malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedFileException(source, lineNo, "expected a JSON object");
    }
    JsonNode id = node.get("_id");
    if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
      throw new MalformedFileException(source, lineNo, "missing string field \"_id\"");
    }
    if (id.asText().isEmpty()) {
      throw new MalformedFileException(source, lineNo, "empty \"_id\"");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      throw new MalformedFileException(source, lineNo, "missing string field \"text\"");
    }
    JsonNode metadata = node.get("metadata");
    Map<String, Object> meta = Map.of();
    if (metadata != null && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw new MalformedFileException(source, lineNo, "\"metadata\" must be a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> converted = JSON.convertValue(metadata, Map.class);
      meta = converted;
    }
    return new Query(id.asText(), text.asText(), meta);
  }
}
