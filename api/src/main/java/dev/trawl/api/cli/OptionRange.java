package dev.trawl.api.cli;

import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values, made when a command starts and before it does any work (opening the
 * data folder, reading input, indexing). A value out of range, one that does not parse, or options
 * that do not go together are a usage error: exit code 2 and a message that names the option, the
 * rule and the value given, e.g. {@code --timeout-ms must be >= 1, got -1}. Problems with files and
 * their content are not usage errors (exit 1).
 */
final class OptionRange {
  private OptionRange() {}

  /** @throws ParameterException unless {@code value >= min} */
  static void atLeast(CommandSpec spec, String option, long value, long min) {
    require(spec, value >= min, option, ">= " + min, value);
  }

  /** @throws ParameterException unless {@code min <= value <= max} */
  static void between(CommandSpec spec, String option, double value, double min, double max) {
    require(spec, value >= min && value <= max, option, "between " + number(min) + " and " + number(max),
        number(value));
  }

  /**
   * @param rule what a valid value is, completing "{@code OPTION must be ...}"
   * @throws ParameterException unless {@code ok}
   */
  static void require(CommandSpec spec, boolean ok, String option, String rule, Object value) {
    if (!ok) {
      throw usage(spec, option + " must be " + rule + ", got " + value);
    }
  }

  /**
   * Reads an option's value with {@code parser}, whose {@link IllegalArgumentException} (its
   * message says what is valid) becomes a usage error that names the option: {@code --mode: unknown
   * mode 'fast'; use one of: lexical, vector, hybrid}.
   */
  static <V, T> T parse(CommandSpec spec, String option, V value, Function<V, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw usage(spec, option + ": " + e.getMessage());
    }
  }

  /**
   * Checks that {@code file}, named by {@code option}, can be written: not a folder, in a folder
   * that exists and is writable. For outputs written at the end of a long run.
   *
   * @throws ParameterException (a usage error) saying what to change
   */
  static void writableFile(CommandSpec spec, String option, java.nio.file.Path file) {
    java.nio.file.Path folder = file.toAbsolutePath().normalize().getParent();
    if (java.nio.file.Files.isDirectory(file)) {
      throw usage(spec, option + " " + file + " is a folder; give a file, e.g. " + file.resolve("out"));
    }
    if (folder == null || !java.nio.file.Files.isDirectory(folder)) {
      throw usage(spec, option + " " + file + ": folder " + folder + " does not exist; create it or write elsewhere");
    }
    if (!java.nio.file.Files.isWritable(folder)) {
      throw usage(spec, option + " " + file + ": folder " + folder + " is not writable");
    }
  }

  /** A usage error with {@code message}, which names the option or argument and how to fix it. */
  static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** {@code v} as the user would write it: {@code 1} rather than {@code 1.0}. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
