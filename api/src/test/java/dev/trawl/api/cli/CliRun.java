package dev.trawl.api.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code trawl} command line: its exit code and what it printed.
 * Not thread-safe: it swaps {@link System#out} and {@link System#err} while the command runs.
 * Public for tests in other packages that compare the command line with another front end.
 */
public record CliRun(int code, String out, String err) {
  public static CliRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Both streams, for assertion messages. */
  public String both() {
    return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
