package dev.trawl.indexer.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkingConfigTest {

  @Test
  void defaults() {
    assertEquals(new ChunkingConfig(384, 48), ChunkingConfig.defaults());
  }

  @Test
  void acceptsTheBounds() {
    new ChunkingConfig(16, 0);
    new ChunkingConfig(16, 7);
    new ChunkingConfig(17, 8);
  }

  @Test
  void rejectsTooSmallMaxTokens() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ChunkingConfig(15, 0));
    assertEquals("maxTokens must be at least 16, was 15", e.getMessage());
  }

  @Test
  void rejectsNegativeOverlap() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ChunkingConfig(384, -1));
    assertEquals("overlapTokens must not be negative, was -1", e.getMessage());
  }

  @Test
  void rejectsOverlapOfHalfOrMore() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ChunkingConfig(384, 192));
    assertEquals("overlapTokens must be less than half of maxTokens (384 / 2 = 192.0), was 192", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ChunkingConfig(17, 9));
  }
}
