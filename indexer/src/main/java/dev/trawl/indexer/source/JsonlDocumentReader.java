package dev.trawl.indexer.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads documents from JSON Lines: Trawl's own form {@code {id, title, text, metadata?, acl?}}
 * and BEIR's {@code corpus.jsonl} form {@code {_id, title, text, metadata?}}, in the same file
 * if need be.
 *
 * <p>Policy on bad input: the whole file is validated before anything is returned; if any
 * line is malformed (not JSON, not an object, no id, non-string text, duplicate id, invalid
 * UTF-8) a {@link MalformedInputException} lists the bad lines by number and nothing is
 * indexed. Blank lines are skipped, and so is a byte order mark at the start. A file that is one
 * JSON array rather than JSON Lines is rejected as a whole, with how to convert it.
 */
public final class JsonlDocumentReader {
  private static final int MAX_REPORTED_ERRORS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * U+FEFF, which some editors write at the start of a UTF-8 file: not part of the JSON, so
   * skipped at the start of a file or body, here and in the HTTP bulk endpoint alike.
   */
  public static final String BYTE_ORDER_MARK = "\uFEFF";

  private JsonlDocumentReader() {}

  /** Reads and validates every line of {@code file}. */
  public static List<SourceDocument> readAll(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file
          + " (expected a .jsonl file with one {\"id\",\"title\",\"text\"} object per line)");
    }
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
      return read(file.toString(), in);
    } catch (CharacterCodingException e) {
      throw notUtf8(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The error for a file that is not UTF-8, naming the line and byte where it stops being UTF-8. */
  private static MalformedInputException notUtf8(Path file) {
    MalformedInputException.LineError where;
    try (InputStream in = Files.newInputStream(file)) {
      where = InvalidUtf8.find(in).map(bad -> new MalformedInputException.LineError(bad.line(), bad.describe()))
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (where == null) { // the decoder and the scan disagree; still reject, without a position
      where = new MalformedInputException.LineError(1, "the file is not valid UTF-8; save it as UTF-8");
    }
    return new MalformedInputException(file.toString(), List.of(where), 1);
  }

  /** Reads and validates every line from {@code in}; {@code source} names it in messages. */
  public static List<SourceDocument> read(String source, BufferedReader in) throws IOException {
    List<SourceDocument> docs = new ArrayList<>();
    List<MalformedInputException.LineError> errors = new ArrayList<>();
    long bad = 0;
    long lineNo = 0;
    Set<String> seen = new HashSet<>();
    String line;
    boolean first = true;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && line.startsWith(BYTE_ORDER_MARK)) {
        line = line.substring(1); // some editors start UTF-8 files with one; it is not part of the JSON
      }
      if (line.isBlank()) {
        continue;
      }
      if (first && line.stripLeading().startsWith("[")) {
        // No JSONL line can start with '[': this is a JSON array, on one line or pretty-printed.
        throw new MalformedInputException(source, List.of(new MalformedInputException.LineError(lineNo,
            "this looks like a JSON array; the file must be JSONL, one JSON object per line with no enclosing"
                + " [ ] (convert it with: jq -c '.[]' FILE > FILE.jsonl)")), 1);
      }
      first = false;
      try {
        SourceDocument doc = parseLine(line);
        if (!seen.add(doc.id())) {
          throw new IllegalArgumentException("duplicate id \"" + doc.id() + "\" (an earlier line has it)");
        }
        docs.add(doc);
      } catch (IllegalArgumentException e) {
        bad++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
          errors.add(new MalformedInputException.LineError(lineNo, e.getMessage()));
        }
      }
    }
    if (bad > 0) {
      throw new MalformedInputException(source, errors, bad);
    }
    return docs;
  }

  /**
   * Parses one JSON object into a document.
   *
   * @throws IllegalArgumentException with a message that says what to fix
   */
  public static SourceDocument parseLine(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON (" + JsonMessages.withoutSource(e.getOriginalMessage()) + ")");
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new IllegalArgumentException("expected a JSON object like {\"id\":\"d1\",\"title\":\"...\",\"text\":\"...\"}"
          + (node.isArray() ? ", got a JSON array: write one object per line (JSONL), not a list of them" : ""));
    }
    return fromJson(obj);
  }

  /** Converts a parsed object (Trawl or BEIR form) into a document. */
  public static SourceDocument fromJson(ObjectNode obj) {
    JsonNode idNode = obj.has("id") ? obj.get("id") : obj.get("_id");
    if (idNode == null || idNode.isNull()) {
      throw new IllegalArgumentException("missing \"id\" (or BEIR \"_id\")");
    }
    if (!idNode.isTextual() && !idNode.isIntegralNumber()) {
      throw new IllegalArgumentException("\"id\" must be a string");
    }
    String id = idNode.asText();
    if (id.isBlank()) {
      throw new IllegalArgumentException("\"id\" must not be blank");
    }
    String title = optionalString(obj, "title");
    String text = optionalString(obj, "text");
    if (title.isBlank() && text.isBlank()) {
      throw new IllegalArgumentException("document \"" + id + "\" has neither \"title\" nor \"text\"");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    JsonNode meta = obj.get("metadata");
    if (meta != null && !meta.isNull()) {
      if (!meta.isObject()) {
        throw new IllegalArgumentException("\"metadata\" must be an object");
      }
      metadata = JSON.convertValue(meta, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
      // A null value means "absent"; a null inside a list has no meaning to filter on.
      metadata.values().removeIf(java.util.Objects::isNull);
      for (Map.Entry<String, Object> e : metadata.entrySet()) {
        if (e.getValue() instanceof java.util.Collection<?> list && list.contains(null)) {
          throw new IllegalArgumentException("metadata \"" + e.getKey() + "\" lists a null value");
        }
      }
    }
    List<String> acl = new ArrayList<>();
    JsonNode aclNode = obj.get("acl");
    if (aclNode != null && !aclNode.isNull()) {
      if (!aclNode.isArray()) {
        throw new IllegalArgumentException("\"acl\" must be an array of principal strings, e.g. [\"group:eng\", \"user:ana\"]");
      }
      for (JsonNode p : aclNode) {
        if (!p.isTextual() || p.asText().isBlank()) {
          throw new IllegalArgumentException("\"acl\" entries must be non-blank strings");
        }
        acl.add(p.asText());
      }
    }
    return new SourceDocument(id, title, text, metadata, acl);
  }

  private static String optionalString(ObjectNode obj, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return "";
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return n.asText();
  }
}
