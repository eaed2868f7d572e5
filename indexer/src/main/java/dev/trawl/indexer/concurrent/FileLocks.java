package dev.trawl.indexer.concurrent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;

/** Exclusive OS file locks that say "taken" the same way whether another process or this JVM holds them. */
public final class FileLocks {
  private FileLocks() {}

  /**
   * An exclusive lock on {@code channel}'s whole file, or null when another process, or another
   * channel of this JVM (where {@link FileChannel#tryLock()} throws instead), holds one.
   *
   * @throws IOException if the lock cannot be attempted
   */
  public static FileLock tryExclusive(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }
}
