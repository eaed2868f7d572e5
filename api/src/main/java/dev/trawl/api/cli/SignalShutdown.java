package dev.trawl.api.cli;

import sun.misc.Signal;

/**
 * Runs a graceful shutdown on SIGTERM and SIGINT and lets the command return normally, so the
 * process exits 0 (a plain JVM shutdown hook would exit 143 after SIGTERM). A shutdown hook
 * covers other exits (e.g. {@code System.exit} elsewhere). The action must be idempotent.
 */
final class SignalShutdown {
  private SignalShutdown() {}

  static void install(Runnable action) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> {
          Thread t = new Thread(action, "trawl-shutdown");
          t.start();
        });
      } catch (IllegalArgumentException e) {
        // signal not available on this platform: the shutdown hook still runs
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(action, "trawl-shutdown-hook"));
  }
}
