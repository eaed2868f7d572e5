package dev.trawl.indexer.ingest;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints indexing progress (count, rate, ETA) to a stream at most every {@code intervalMillis},
 * and always for the last batch.
 */
public final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final String label;
  private final long intervalNanos;
  private long lastPrint = -1;

  public ConsoleProgress(PrintStream out, String label, long intervalMillis) {
    this.out = out;
    this.label = label;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  @Override
  public void onProgress(long done, long total, long passages, long elapsedNanos) {
    if (done < total && lastPrint >= 0 && elapsedNanos - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = elapsedNanos;
    double secs = elapsedNanos / 1e9;
    double rate = secs > 0 ? done / secs : 0;
    String eta = rate > 0 && done < total ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "0s";
    out.printf("%s: %,d/%,d documents (%.1f%%), %,d passages, %.1f docs/s, ETA %s%n", label, done, total,
        total == 0 ? 100.0 : 100.0 * done / total, passages, rate, eta);
    out.flush();
  }

  /** {@code 1h02m03s}, {@code 4m05s} or {@code 6s}. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s >= 3600) {
      return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
    }
    if (s >= 60) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
