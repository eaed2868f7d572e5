package dev.trawl.indexer.embed;

import dev.trawl.indexer.concurrent.FileLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * A persistent map from text to the vector one embedder gives it, so unchanged text is not
 * embedded twice, across runs.
 *
 * <p><b>Keys.</b> A text is keyed by SHA-256 over the embedder id, a NUL byte and the text in
 * UTF-8; the text itself is not stored.
 *
 * <p><b>File.</b> One file per embedder in the given folder, {@code embeddings-<id>.bin}: a header
 * (magic {@code TRWLEMB1}, dimension, embedder id), then append-only records of the 32-byte key,
 * the vector as big-endian float32, and a CRC-32C of both. {@link #open} reads every record
 * and keeps the position of each in memory (about 100 bytes per entry; vectors stay on disk and
 * are read on demand). Reading stops at the first incomplete or corrupt record, such as the
 * partly written tail left by a crash; the file is truncated there so later appends line up, and
 * {@link #droppedBytesAtOpen()} says how much was cut. A key written twice keeps its first vector.
 *
 * <p><b>Writing.</b> {@link #put} keeps new entries in memory; {@link #flush} appends them to the
 * file (without fsync: a crash of the process loses nothing flushed, a crash of the machine may
 * lose a tail, which the next open drops); {@link #close} flushes, forces to disk and releases
 * the file. The file is locked while open, so a second process, or a second instance in this
 * JVM, cannot open the same cache.
 *
 * <p>Thread-safe. Returned arrays are the caller's to keep or change.
 */
public final class EmbeddingCache implements AutoCloseable {

  private static final byte[] MAGIC = "TRWLEMB1".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_BYTES = 32;
  private static final int CRC_BYTES = 4;

  private final Path file;
  private final String embedderId;
  private final int dimension;
  private final int recordBytes;
  private final FileChannel channel;
  private final FileLock lock;
  private final long droppedBytesAtOpen;
  /** Keys on disk, and the file offset of the vector of each. */
  private final Map<Key, Long> onDisk = new ConcurrentHashMap<>();
  /** Keys put but not yet flushed. */
  private final Map<Key, float[]> pending = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();
  private long end;
  private volatile boolean closed;

  private EmbeddingCache(Path file, String embedderId, int dimension, FileChannel channel, FileLock lock)
      throws IOException {
    this.file = file;
    this.embedderId = embedderId;
    this.dimension = dimension;
    this.recordBytes = KEY_BYTES + Float.BYTES * dimension + CRC_BYTES;
    this.channel = channel;
    this.lock = lock;
    long first = openHeader();
    this.end = readRecords(first);
    this.droppedBytesAtOpen = channel.size() - end;
    if (droppedBytesAtOpen > 0) {
      channel.truncate(end);
      channel.force(true);
    }
  }

  /**
   * Opens, or creates, the cache of one embedder in {@code folder} (created if missing).
   *
   * @throws IllegalStateException if the file belongs to another embedder or dimension, is not a
   *     cache file, or is open elsewhere
   * @throws UncheckedIOException if the file cannot be read or written
   */
  public static EmbeddingCache open(Path folder, String embedderId, int dimension) {
    Objects.requireNonNull(embedderId, "embedderId");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
    }
    Path file = folder.resolve("embeddings-" + embedderId.replaceAll("[^A-Za-z0-9._-]", "_") + ".bin");
    FileChannel channel = null;
    try {
      Files.createDirectories(folder);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = FileLocks.tryExclusive(channel);
      if (lock == null) {
        throw new IllegalStateException("embedding cache " + file + " is already open in another process or instance");
      }
      return new EmbeddingCache(file, embedderId, dimension, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open embedding cache " + file, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The cache file. */
  public Path file() {
    return file;
  }

  /** The embedder whose vectors this cache holds. */
  public String embedderId() {
    return embedderId;
  }

  /** Number of components of every vector. */
  public int dimension() {
    return dimension;
  }

  /** Number of distinct texts cached, flushed or not. */
  public int size() {
    return onDisk.size() + pending.size();
  }

  /** Bytes of incomplete or corrupt records cut off the end of the file when it was opened. */
  public long droppedBytesAtOpen() {
    return droppedBytesAtOpen;
  }

  /** The cached vector of {@code text}, or {@code null} if there is none. */
  public float[] get(String text) {
    checkOpen();
    Key key = Key.of(embedderId, text);
    float[] vector = pending.get(key);
    if (vector != null) {
      return vector.clone();
    }
    Long offset = onDisk.get(key);
    return offset == null ? null : readVector(offset);
  }

  /**
   * Caches {@code vector} (copied) as the vector of {@code text}, unless the text is cached
   * already.
   */
  public void put(String text, float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector has " + vector.length + " components, cache holds " + dimension);
    }
    checkOpen();
    Key key = Key.of(embedderId, text);
    if (!onDisk.containsKey(key)) {
      pending.putIfAbsent(key, vector.clone());
    }
  }

  /** Appends the entries put since the last flush to the file. */
  public void flush() {
    synchronized (writeLock) {
      checkOpen();
      if (pending.isEmpty()) {
        return;
      }
      List<Map.Entry<Key, float[]>> batch = new ArrayList<>(pending.entrySet());
      batch.removeIf(e -> onDisk.containsKey(e.getKey()));
      ByteBuffer buffer = ByteBuffer.allocate(batch.size() * recordBytes);
      for (Map.Entry<Key, float[]> entry : batch) {
        int recordStart = buffer.position();
        entry.getKey().writeTo(buffer);
        for (float v : entry.getValue()) {
          buffer.putFloat(v);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), recordStart, buffer.position() - recordStart);
        buffer.putInt((int) crc.getValue());
      }
      buffer.flip();
      try {
        long position = end;
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to embedding cache " + file, e);
      }
      for (Map.Entry<Key, float[]> entry : batch) {
        onDisk.put(entry.getKey(), end + KEY_BYTES);
        end += recordBytes;
      }
      for (Map.Entry<Key, float[]> entry : batch) {
        pending.remove(entry.getKey());
      }
      pending.keySet().removeIf(onDisk::containsKey);
    }
  }

  /** Flushes, forces the file to disk and releases it. Idempotent. */
  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      try {
        flush();
        channel.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close embedding cache " + file, e);
      } finally {
        closed = true;
        try {
          lock.release();
        } catch (IOException ignored) {
          // Closing the channel releases the lock too.
        }
        closeQuietly(channel);
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("embedding cache " + file + " is closed");
    }
  }

  private float[] readVector(long offset) {
    checkOpen();
    ByteBuffer buffer = ByteBuffer.allocate(Float.BYTES * dimension);
    try {
      long position = offset;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position);
        if (read < 0) {
          throw new IOException("unexpected end of file at " + position);
        }
        position += read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read embedding cache " + file, e);
    }
    buffer.flip();
    float[] vector = new float[dimension];
    buffer.asFloatBuffer().get(vector);
    return vector;
  }

  private byte[] header() {
    byte[] id = embedderId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4 + 4 + id.length);
    header.put(MAGIC).putInt(dimension).putInt(id.length).put(id);
    return header.array();
  }

  /**
   * Writes the header to a new file (or one whose header was cut short by a crash), or checks an
   * existing one; returns the offset of the first record.
   */
  private long openHeader() throws IOException {
    byte[] expected = header();
    long size = channel.size();
    byte[] found = readFully(0, (int) Math.min(size, expected.length));
    if (size < expected.length && Arrays.equals(found, Arrays.copyOf(expected, found.length))) {
      channel.truncate(0);
      ByteBuffer buffer = ByteBuffer.wrap(expected);
      while (buffer.hasRemaining()) {
        channel.write(buffer, buffer.position());
      }
      channel.force(true);
      return expected.length;
    }
    if (Arrays.equals(found, expected)) {
      return expected.length;
    }
    if (found.length < MAGIC.length + 8 || !Arrays.equals(found, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalStateException(file + " is not an embedding cache file");
    }
    ByteBuffer header = ByteBuffer.wrap(found, MAGIC.length, 8);
    int fileDimension = header.getInt();
    int idLength = header.getInt();
    String fileId = idLength < 0 || idLength > 4096 || size < MAGIC.length + 8L + idLength
        ? "?"
        : new String(readFully(MAGIC.length + 8, idLength), StandardCharsets.UTF_8);
    throw new IllegalStateException(
        file + " caches embedder " + fileId + " (" + fileDimension + " dimensions), not " + embedderId + " ("
            + dimension + " dimensions)");
  }

  /** Indexes the complete, intact records from {@code from}; returns the offset after the last. */
  private long readRecords(long from) throws IOException {
    long size = channel.size();
    int perChunk = Math.max(1, (1 << 20) / recordBytes);
    ByteBuffer buffer = ByteBuffer.allocate(perChunk * recordBytes);
    long position = from;
    CRC32C crc = new CRC32C();
    while (size - position >= recordBytes) {
      buffer.clear();
      buffer.limit((int) Math.min(buffer.capacity(), (size - position) / recordBytes * recordBytes));
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          return position;
        }
      }
      buffer.flip();
      while (buffer.remaining() >= recordBytes) {
        int recordStart = buffer.position();
        crc.reset();
        crc.update(buffer.array(), recordStart, recordBytes - CRC_BYTES);
        int stored = buffer.getInt(recordStart + recordBytes - CRC_BYTES);
        if (stored != (int) crc.getValue()) {
          return position;
        }
        Key key = Key.readFrom(buffer);
        onDisk.putIfAbsent(key, position + KEY_BYTES);
        buffer.position(recordStart + recordBytes);
        position += recordBytes;
      }
    }
    return position;
  }

  private byte[] readFully(long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of " + file + " at " + (position + buffer.position()));
      }
    }
    return buffer.array();
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to do.
      }
    }
  }

  /** The 32-byte SHA-256 key of (embedder id, text), as four longs for compact map keys. */
  record Key(long a, long b, long c, long d) {

    static Key of(String embedderId, String text) {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every Java platform", e);
      }
      sha.update(embedderId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      return readFrom(ByteBuffer.wrap(sha.digest()));
    }

    static Key readFrom(ByteBuffer buffer) {
      return new Key(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    void writeTo(ByteBuffer buffer) {
      buffer.putLong(a).putLong(b).putLong(c).putLong(d);
    }
  }
}
