package dev.trawl.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void aSettingOutOfRangeIsNamedWithItsValue() {
    ServerConfig d = ServerConfig.defaults();
    assertEquals(ServerConfig.MAX_PORT, d.withPort(ServerConfig.MAX_PORT).port());
    assertEquals(0, d.withPort(0).port());
    assertEquals("invalid server settings: port must be 0 (any free port) or 1-65535, got 65536",
        assertThrows(IllegalArgumentException.class, () -> d.withPort(65_536)).getMessage());
    assertEquals("invalid server settings: default timeout must be >= 1 ms, got 0",
        assertThrows(IllegalArgumentException.class, () -> d.withDefaultTimeoutMs(0)).getMessage());
    assertEquals("invalid server settings: cursor TTL must be >= 1 ms, got 0",
        assertThrows(IllegalArgumentException.class, () -> d.withCursors(Duration.ZERO, 10)).getMessage());
  }
}
