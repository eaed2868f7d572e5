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
  private final String unit;
  private final long intervalNanos;
  private long lastPrint = -1;

  /** Progress of documents being indexed (counts documents and passages). */
  public ConsoleProgress(PrintStream out, String label, long intervalMillis) {
    this(out, label, "documents", intervalMillis);
  }

  /** Progress of items of another {@code unit} (e.g. "queries"); the passage count is not shown. */
  public ConsoleProgress(PrintStream out, String label, String unit, long intervalMillis) {
    this.out = out;
    this.label = label;
    this.unit = unit;
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
    // No rate yet (the first report, before anything is done) means no estimate, not "0s".
    String eta = done >= total ? "0s" : rate > 0 ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "unknown";
    boolean docs = unit.equals("documents");
    out.printf("%s: %,d/%,d %s (%.1f%%)%s, %.1f %s/s, ETA %s%n", label, done, total, unit,
        total == 0 ? 100.0 : 100.0 * done / total, docs ? String.format(", %,d passages", passages) : "", rate,
        docs ? "docs" : unit, eta);
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
