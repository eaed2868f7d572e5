package dev.trawl.api.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.api.http.ResponseMapping;
import dev.trawl.api.http.WireJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} output of a command: one JSON object on one line of standard output, written
 * by the HTTP API's mapper ({@link WireJson#MAPPER}: snake_case names, null fields left out).
 *
 * <p>Contract: a result the HTTP API also returns (a search, a fan-out, a grouped search, a
 * transcript ingest, a context window) is printed as that endpoint's response record, made by
 * {@link ResponseMapping}, so scripts read one shape from the command line and over HTTP. What
 * only the command line reports (the query it ran, the mode, the reranker) comes first, as extra
 * top-level fields; it never renames or reshapes a field the response has.
 */
final class JsonOutput {
  private JsonOutput() {}

  /** Prints {@code response} as it would be sent over HTTP. */
  static void print(Object response) {
    print(Map.of(), response);
  }

  /**
   * Prints {@code extras} (snake_case names; null values left out), then the fields of {@code
   * response}, as one object.
   *
   * @param response a wire record or map that serialises to a JSON object
   */
  static void print(Map<String, ?> extras, Object response) {
    System.out.println(render(extras, response));
  }

  /** What {@link #print(Map, Object)} prints, without the line break. */
  static String render(Map<String, ?> extras, Object response) {
    ObjectNode out = WireJson.MAPPER.createObjectNode();
    extras.forEach((name, value) -> {
      if (value != null) {
        out.set(name, WireJson.MAPPER.valueToTree(value));
      }
    });
    JsonNode body = WireJson.MAPPER.valueToTree(response);
    if (!(body instanceof ObjectNode fields)) {
      throw new IllegalArgumentException("--json prints an object, not " + body.getNodeType());
    }
    out.setAll(fields);
    try {
      return WireJson.MAPPER.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
  }

  /** Extra fields in the order given, for {@link #print(Map, Object)}; values may be null. */
  static Map<String, Object> extras(Object... nameValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put((String) nameValue[i], nameValue[i + 1]);
    }
    return m;
  }
}
