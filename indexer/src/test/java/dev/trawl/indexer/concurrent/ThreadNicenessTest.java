package dev.trawl.indexer.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadNicenessTest {

  /** Field 19 of {@code /proc/thread-self/stat}: the calling thread's nice value. */
  private static int currentNice() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void lowersOnlyTheCallingThread() throws Exception {
    int before = currentNice();
    // setpriority sets an absolute value, and only root may lower one.
    org.junit.jupiter.api.Assumptions.assumeTrue(before <= ThreadNiceness.WORKER, "test JVM already runs at nice " + before);
    AtomicReference<Object> seen = new AtomicReference<>();
    Thread worker = new Thread(ThreadNiceness.worker(() -> {
      try {
        seen.set(currentNice());
      } catch (Exception e) {
        seen.set(e);
      }
    }));
    worker.start();
    worker.join();
    assertEquals(ThreadNiceness.WORKER, seen.get(), "the worker thread runs at the worker niceness");
    assertEquals(before, currentNice(), "the thread that started it is untouched");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void applyingTwiceIsFreeAndStillTrue() throws Exception {
    AtomicReference<Boolean> again = new AtomicReference<>();
    Thread t = new Thread(() -> {
      ThreadNiceness.apply(7);
      again.set(ThreadNiceness.apply(7) && !ThreadNiceness.apply(3));
    });
    t.start();
    t.join();
    assertTrue(again.get(), "same value again is a no-op that reports success; another value is refused");
  }
}
