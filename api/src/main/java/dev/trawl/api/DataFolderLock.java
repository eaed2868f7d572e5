package dev.trawl.api;

import dev.trawl.indexer.concurrent.FileLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time per data folder: an OS file lock on {@code <data>/trawl.lock}, held from
 * {@link #acquire} until {@link #close}. A second {@code trawl} command on a folder that a running
 * {@code trawl serve} holds fails at once with a message that says what to do, instead of deep in
 * the embedding cache or Lucene's write lock. The OS drops the lock when the process dies, so a
 * crash never leaves the folder locked; the file itself stays and is reused.
 */
final class DataFolderLock implements AutoCloseable {
  static final String FILE_NAME = "trawl.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dataDir} (created if missing) for this process.
   *
   * @throws IllegalStateException if another process, or another engine of this one, holds it
   * @throws UncheckedIOException if the folder or lock file cannot be created
   */
  static DataFolderLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = FileLocks.tryExclusive(channel);
      if (lock == null) {
        throw new IllegalStateException("data folder " + dataDir.toAbsolutePath().normalize()
            + " is in use by another Trawl process (a running 'trawl serve'?). Search it through that"
            + " server (POST /v1/collections/NAME/search, or its /mcp endpoint), stop the server first,"
            + " or pass --data DIR to use another folder");
      }
      return new DataFolderLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock data folder " + dataDir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the acquire failure is what the caller needs to see
      }
    }
  }
}
