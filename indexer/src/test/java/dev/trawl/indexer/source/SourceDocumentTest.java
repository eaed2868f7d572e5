package dev.trawl.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceDocumentTest {
  @Test
  void idsAndMetadataValuesLuceneCouldNotIndexAreRefusedUpFront() {
    String longest = "é".repeat(SourceDocument.MAX_ID_BYTES / 2);
    assertEquals(longest, SourceDocument.of(longest, "", "x").id(), "512 bytes of UTF-8 is allowed");
    var id = assertThrows(IllegalArgumentException.class, () -> SourceDocument.of(longest + "a", "", "x"));
    assertTrue(id.getMessage().startsWith("document id is 513 bytes long; at most 512 bytes"), id.getMessage());

    String value = "ü".repeat(SourceDocument.MAX_METADATA_VALUE_BYTES / 2);
    assertEquals(value, new SourceDocument("d", "", "x", Map.of("note", value), List.of()).metadata().get("note"));
    var scalar = assertThrows(IllegalArgumentException.class,
        () -> new SourceDocument("d", "", "x", Map.of("note", value + "!"), List.of()));
    assertTrue(scalar.getMessage().startsWith("metadata 'note' is 8193 bytes long; a metadata value is at most 8192"),
        scalar.getMessage());
    var inList = assertThrows(IllegalArgumentException.class,
        () -> new SourceDocument("d", "", "x", Map.of("tags", List.of("ok", "x".repeat(40_000))), List.of()));
    assertTrue(inList.getMessage().contains("metadata 'tags' is 40000 bytes long"), inList.getMessage());
  }
}
