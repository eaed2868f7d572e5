package dev.trawl.ranker.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One evaluation query (a BEIR "query" or TREC "topic").
 *
 * @param id the query id, as used by qrels and run files
 * @param text the query text
 * @param metadata extra fields of the dataset, deeply unmodifiable; values are what JSON maps to
 *     ({@link Map}, {@link List}, {@link String}, {@link Number}, {@link Boolean}, or null). Empty
 *     when the dataset has none.
 */
public record Query(String id, String text, Map<String, Object> metadata) {
  public Query {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    metadata = metadata == null ? Map.of() : freezeMap(metadata);
  }

  /** A query without metadata. */
  public Query(String id, String text) {
    this(id, text, Map.of());
  }

  private static Map<String, Object> freezeMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      return freezeMap(m);
    }
    if (value instanceof List<?> l) {
      return Collections.unmodifiableList(l.stream().map(Query::freeze).toList());
    }
    return value;
  }
}
