package dev.trawl.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;

/**
 * The stored fields of one passage entry, read for display.
 *
 * @param ref passage id, index and offsets in its document
 * @param title document title
 * @param text passage text
 * @param metadata document metadata
 */
public record StoredPassage(PassageRef ref, String title, String text, Map<String, Object> metadata) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /** Reads passage {@code luceneDoc} of {@code snapshot}. */
  public static StoredPassage read(CollectionSnapshot snapshot, int luceneDoc) {
    try {
      Document d = snapshot.searcher().storedFields().document(luceneDoc);
      PassageRef ref = new PassageRef(orEmpty(d.get(IndexFields.PASSAGE_ID)), intField(d, IndexFields.PASSAGE_INDEX),
          intField(d, IndexFields.START), intField(d, IndexFields.END));
      return new StoredPassage(ref, orEmpty(d.get(IndexFields.TITLE)), orEmpty(d.get(IndexFields.PASSAGE_TEXT)),
          metadata(d.get(IndexFields.METADATA_JSON)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int intField(Document d, String name) {
    var f = d.getField(name);
    return f == null || f.numericValue() == null ? 0 : f.numericValue().intValue();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Parses stored metadata JSON; empty map for none. */
  public static Map<String, Object> metadata(String json) {
    if (json == null || json.isEmpty() || json.equals("{}")) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (IOException e) {
      return Map.of();
    }
  }
}
