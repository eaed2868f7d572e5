package dev.trawl.indexer.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A document as a caller hands it to Trawl, before chunking.
 *
 * @param id caller-chosen unique id (non-blank, at most {@value #MAX_ID_BYTES} bytes of UTF-8);
 *     upserting the same id replaces the document
 * @param title optional title, may be empty, never null
 * @param text the body text, never null
 * @param metadata scalar or list values the caller may filter on; never null. Each string value
 *     is at most {@value #MAX_METADATA_VALUE_BYTES} bytes of UTF-8 (values are indexed as whole
 *     terms for filters). The field {@code date}, if present, must be a calendar day or date-time
 *     ({@link MetadataDate}).
 * @param acl principals (users or groups) allowed to see the document; empty means public
 */
public record SourceDocument(
    String id, String title, String text, Map<String, Object> metadata, List<String> acl) {

  /**
   * Most bytes (UTF-8) of an id. Ids are indexed whole and appear in URLs and passage ids; Lucene
   * refuses a term over 32,766 bytes only when the write is already under way.
   */
  public static final int MAX_ID_BYTES = 512;
  /** Most bytes (UTF-8) of one metadata string value, which is indexed whole as a filter term. */
  public static final int MAX_METADATA_VALUE_BYTES = 8192;

  /**
   * @throws IllegalArgumentException for a blank or too long id, a too long metadata value or an
   *     invalid metadata {@code date}, saying what to fix
   */
  public SourceDocument {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("document id must not be blank");
    }
    int idBytes = utf8Length(id);
    if (idBytes > MAX_ID_BYTES) {
      throw new IllegalArgumentException("document id is " + idBytes + " bytes long; at most " + MAX_ID_BYTES
          + " bytes (UTF-8): use a shorter key, e.g. a hash of the long one, and keep the long one in metadata");
    }
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    metadata.forEach(SourceDocument::checkValueLength);
    if (metadata.containsKey(MetadataDate.FIELD)) {
      MetadataDate.check(metadata.get(MetadataDate.FIELD));
    }
    acl = acl == null ? List.of() : List.copyOf(acl);
  }

  private static void checkValueLength(String field, Object value) {
    if (value instanceof java.util.Collection<?> values) {
      values.forEach(v -> checkValueLength(field, v));
    } else if (value instanceof String s && s.length() > MAX_METADATA_VALUE_BYTES / 3) {
      int bytes = utf8Length(s);
      if (bytes > MAX_METADATA_VALUE_BYTES) {
        throw new IllegalArgumentException("metadata '" + field + "' is " + bytes + " bytes long; a metadata value is "
            + "at most " + MAX_METADATA_VALUE_BYTES + " bytes (it is a filter value): put long text in \"text\"");
      }
    }
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  public static SourceDocument of(String id, String title, String text) {
    return new SourceDocument(id, title, text, Map.of(), List.of());
  }
}
