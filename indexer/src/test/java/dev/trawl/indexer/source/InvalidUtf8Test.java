package dev.trawl.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvalidUtf8Test {
  private static Optional<InvalidUtf8> find(byte[] bytes) throws IOException {
    return InvalidUtf8.find(new ByteArrayInputStream(bytes));
  }

  @Test
  void validTextHasNoInvalidByte() throws IOException {
    assertEquals(Optional.empty(), find(new byte[0]));
    assertEquals(Optional.empty(), find("caf\u00e9\n\u20ac \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8)));
  }

  /** Multi-byte characters cut by the scanner's 64 KB buffer are not mistaken for invalid ones. */
  @Test
  void findsTheLineAndOffsetFarIntoALargeStream() throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] line = "\u20ac\u20ac\u20ac\u20ac\u20ac\u20ac x\n".getBytes(StandardCharsets.UTF_8); // 21 bytes
    int lines = 10_000; // 210 KB: 3-byte characters straddle every buffer boundary at some point
    for (int i = 0; i < lines; i++) {
      out.writeBytes(line);
    }
    out.writeBytes("ok ".getBytes(StandardCharsets.UTF_8));
    long offset = out.size();
    out.write(0xC3); // starts a 2-byte sequence ...
    out.write('(');  // ... which this byte does not continue
    assertEquals(Optional.of(new InvalidUtf8(lines + 1, offset, 0xC3)), find(out.toByteArray()));
  }

  @Test
  void aSequenceTruncatedAtTheEndIsInvalid() throws IOException {
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = {'a', '\n', euro[0], euro[1]};
    assertEquals(Optional.of(new InvalidUtf8(2, 2, euro[0] & 0xff)), find(bytes));
  }

  @Test
  void describesWhereAndWhatToDo() {
    assertEquals("not valid UTF-8 (byte 0xE9 at byte offset 1,234 of the file); save the file as UTF-8",
        new InvalidUtf8(3, 1234, 0xE9).describe());
  }
}
