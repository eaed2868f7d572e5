package dev.trawl.indexer.concurrent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers the calling thread's CPU priority (its Linux "nice" value), so that threads doing bulk
 * work (searches, embeddings) yield to the HTTP event loop when the cores are saturated.
 *
 * <p>Why: under overload the server must still read requests and answer 429 at once, but on a
 * saturated machine the kernel shares CPU equally between runnable threads, and an event loop
 * competing with a dozen search and embedding threads (and other processes) runs seconds late
 * (measured: event-loop lag p99 over 2.5 s while the workers kept the cores busy). Linux
 * schedules threads as tasks with their own nice value; raising it needs no privileges.
 *
 * <p>Best effort: a no-op (returning false) on other systems, on architectures whose {@code
 * gettid} number is not known here, or if the C library cannot be loaded through JNA; the first
 * failure is logged once at FINE. Java thread priorities are not used because HotSpot ignores
 * them on Linux unless started with {@code -XX:ThreadPriorityPolicy=1} as root.
 */
public final class ThreadNiceness {
  /**
   * Nice value for search, retrieval and embedding threads: 5 (about a third of an event loop's
   * CPU weight) unless the system property {@code trawl.worker.nice} says otherwise (0 turns
   * this off).
   */
  public static final int WORKER = Integer.getInteger("trawl.worker.nice", 5);

  private static final Logger LOG = Logger.getLogger(ThreadNiceness.class.getName());
  private static final int PRIO_PROCESS = 0;
  private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();
  private static final CLib LIBC = load();
  private static final long GETTID = gettidNumber();

  interface CLib extends Library {
    int setpriority(int which, int who, int prio);

    int syscall(int number);
  }

  private ThreadNiceness() {}

  /**
   * Sets the calling thread's nice value to {@code nice} (once per thread; later calls with the
   * same value are free). Returns whether the thread now runs at that value.
   */
  public static boolean apply(int nice) {
    if (nice == 0) {
      return true;
    }
    Integer done = APPLIED.get();
    if (done != null) {
      return done == nice;
    }
    boolean ok = false;
    if (LIBC != null && GETTID > 0) {
      try {
        int tid = LIBC.syscall((int) GETTID);
        ok = tid > 0 && LIBC.setpriority(PRIO_PROCESS, tid, nice) == 0;
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.FINE, "cannot change thread niceness", e);
      }
    }
    APPLIED.set(ok ? nice : Integer.MIN_VALUE);
    return ok;
  }

  /** A task that first lowers its thread's priority to {@link #WORKER}, then runs {@code task}. */
  public static Runnable worker(Runnable task) {
    return () -> {
      apply(WORKER);
      task.run();
    };
  }

  private static CLib load() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return null;
    }
    try {
      return Native.load("c", CLib.class);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "cannot load the C library through JNA; thread niceness is left as is", e);
      return null;
    }
  }

  private static long gettidNumber() {
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> 186;
      case "aarch64", "arm64" -> 178;
      default -> -1;
    };
  }
}
