package dev.trawl.indexer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a byte stream first stops being UTF-8, so that a rejected file can be fixed: the line
 * (1-based, counting {@code \n}, which never occurs inside a multi-byte UTF-8 sequence), the
 * byte offset from the start of the stream (0-based) and the offending byte.
 *
 * @param line 1-based line of the first invalid byte
 * @param byteOffset 0-based offset of that byte in the stream
 * @param value the byte, 0-255
 */
public record InvalidUtf8(long line, long byteOffset, int value) {
  private static final int BUFFER = 1 << 16;

  /**
   * Scans {@code in} to its end or its first invalid UTF-8 sequence (a truncated sequence at the
   * end counts). Does not close {@code in}.
   *
   * @return the first invalid byte, or empty if all of {@code in} is valid UTF-8
   */
  public static Optional<InvalidUtf8> find(InputStream in) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    byte[] buf = new byte[BUFFER];
    CharBuffer chars = CharBuffer.allocate(BUFFER);
    int len = 0; // bytes in buf: the tail of an incomplete sequence, then what was just read
    long base = 0; // offset of buf[0] in the stream
    long line = 1;
    while (true) {
      int n = in.read(buf, len, buf.length - len);
      boolean end = n < 0;
      len += Math.max(n, 0);
      ByteBuffer bytes = ByteBuffer.wrap(buf, 0, len);
      CoderResult r;
      do {
        chars.clear();
        r = decoder.decode(bytes, chars, end);
      } while (r.isOverflow());
      int stop = bytes.position();
      for (int i = 0; i < stop; i++) {
        if (buf[i] == '\n') {
          line++;
        }
      }
      if (r.isError()) {
        return Optional.of(new InvalidUtf8(line, base + stop, buf[stop] & 0xff));
      }
      if (end) {
        return Optional.empty();
      }
      System.arraycopy(buf, stop, buf, 0, len - stop);
      base += stop;
      len -= stop;
    }
  }

  /** A message that says where and what to do, e.g. for a {@link MalformedInputException.LineError}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "not valid UTF-8 (byte 0x%02X at byte offset %,d of the file); save the file as UTF-8",
        value, byteOffset);
  }
}
