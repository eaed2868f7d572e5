package dev.trawl.indexer.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void parsesEveryForm() {
    assertEquals(847.0, Timestamps.parse("00:14:07"));
    assertEquals(847.0, Timestamps.parse("14:07"));
    assertEquals(847.0, Timestamps.parse("847"));
    assertEquals(847.25, Timestamps.parse("00:14:07.250"));
    assertEquals(847.25, Timestamps.parse("00:14:07,25"));
    assertEquals(3 * 3600 + 5.0, Timestamps.parse("3:00:05"));
  }

  @Test
  void rejectsOutOfRangeAndJunk() {
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("00:60:00"));
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("1:2:3:4"));
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("soon"));
  }

  @Test
  void formatsAsClock() {
    assertEquals("00:14:07", Timestamps.format(847.9));
    assertEquals("101:00:00", Timestamps.format(101 * 3600));
  }
}
