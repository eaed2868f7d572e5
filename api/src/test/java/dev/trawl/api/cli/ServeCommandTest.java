package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @Test
  void loopbackAddressesAreRecognised() {
    assertTrue(ServeCommand.isLoopback("127.0.0.1"));
    assertTrue(ServeCommand.isLoopback("::1"));
    assertTrue(ServeCommand.isLoopback("localhost"));
    assertFalse(ServeCommand.isLoopback("0.0.0.0"));
    assertFalse(ServeCommand.isLoopback("10.1.2.3"));
  }

  @Test
  void refusesANonLoopbackHostWithoutKeys(@TempDir Path data) {
    PrintStream err = System.err;
    var captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("serve", "--data", data.toString(), "--host", "0.0.0.0", "--port", "0");
    } finally {
      System.setErr(err);
    }
    assertEquals(2, code);
    String message = captured.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("--api-keys") && message.contains("--insecure"), message);
    assertFalse(Files.exists(data.resolve("sample")), "nothing was indexed or opened");
  }
}
