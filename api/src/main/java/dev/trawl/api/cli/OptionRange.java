package dev.trawl.api.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks of option values, made when a command starts and before it does any work
 * (opening the data folder, reading input, indexing). A value out of range is a usage error:
 * exit code 2 and a message that names the option, the rule and the value given, e.g.
 * {@code --timeout-ms must be >= 1, got -1}.
 */
final class OptionRange {
  private OptionRange() {}

  /** @throws ParameterException unless {@code value >= min} */
  static void atLeast(CommandSpec spec, String option, long value, long min) {
    require(spec, value >= min, option, ">= " + min, value);
  }

  /**
   * @param rule what a valid value is, completing "{@code OPTION must be ...}"
   * @throws ParameterException unless {@code ok}
   */
  static void require(CommandSpec spec, boolean ok, String option, String rule, Object value) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), option + " must be " + rule + ", got " + value);
    }
  }
}
