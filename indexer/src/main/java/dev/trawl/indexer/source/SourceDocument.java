package dev.trawl.indexer.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A document as a caller hands it to Trawl, before chunking.
 *
 * @param id caller-chosen unique id (non-blank); upserting the same id replaces the document
 * @param title optional title, may be empty, never null
 * @param text the body text, never null
 * @param metadata scalar or list values the caller may filter on; never null. The field
 *     {@code date}, if present, must be a calendar day or date-time ({@link MetadataDate}).
 * @param acl principals (users or groups) allowed to see the document; empty means public
 */
public record SourceDocument(
    String id, String title, String text, Map<String, Object> metadata, List<String> acl) {

  /** @throws IllegalArgumentException for a blank id or an invalid metadata {@code date}, saying what to fix */
  public SourceDocument {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("document id must not be blank");
    }
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    if (metadata.containsKey(MetadataDate.FIELD)) {
      MetadataDate.check(metadata.get(MetadataDate.FIELD));
    }
    acl = acl == null ? List.of() : List.copyOf(acl);
  }

  public static SourceDocument of(String id, String title, String text) {
    return new SourceDocument(id, title, text, Map.of(), List.of());
  }
}
