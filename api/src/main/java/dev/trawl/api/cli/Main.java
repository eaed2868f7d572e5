package dev.trawl.api.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code trawl} command. Each subcommand is its own class. */
@Command(
    name = "trawl",
    mixinStandardHelpOptions = true,
    version = "Trawl 0.1.0",
    description = "Hybrid lexical/vector search for AI agents.",
    footer = {"", "The ./trawl launcher also has, before Java starts:",
        "  test               Run the test suite, unit and integration (what CI runs).",
        "  build              Rebuild the CLI and server, without running tests."},
    subcommands = {
        ServeCommand.class,
        DemoCommand.class,
        IndexCommand.class,
        IngestTranscriptCommand.class,
        SearchCommand.class,
        ContextCommand.class,
        EvalCommand.class,
        EvalQmsumCommand.class,
        TrainCommand.class,
        FeaturesCommand.class,
        ModelCommand.class,
        CollectionsCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {
  /**
   * Lucene logs "Java vector incubator API enabled" at INFO when it starts. Useful in a server's
   * log; noise above every search or eval printed in a terminal, so only {@code serve} keeps it.
   * Held here because java.util.logging keeps only weak references to loggers.
   */
  private static final Logger LUCENE_VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code trawl} alone: the usage, as a usage error ({@code --help} prints it and exits 0). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
  public static int run(String... args) {
    if (args.length == 0 || !"serve".equals(args[0])) {
      LUCENE_VECTORIZATION.setLevel(Level.WARNING);
    }
    CommandLine cl = new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
          cmd.getErr().println("trawl: " + message(ex));
          if (System.getenv("TRAWL_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
          }
          return 1;
        })
        .setParameterExceptionHandler(Main::usageError);
    return cl.execute(args);
  }

  /**
   * Reports a usage error (unknown command or option, missing or bad value) in a few lines that
   * stay on screen: the error, picocli's "Did you mean" for a near miss, the commands when the
   * command is unknown, and which {@code --help} lists the options. Returns the usage-error code.
   */
  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    boolean top = cmd.getParent() == null;
    boolean unknownCommand = top && ex instanceof UnmatchedArgumentException u && !u.isUnknownOption()
        && !u.getUnmatched().isEmpty();
    if (unknownCommand) {
      err.println("trawl: unknown command '" + ((UnmatchedArgumentException) ex).getUnmatched().get(0) + "'");
    } else {
      err.println("trawl: " + ex.getMessage());
    }
    UnmatchedArgumentException.printSuggestions(ex, err);
    if (unknownCommand) {
      err.println("commands: " + String.join(", ", cmd.getSubcommands().keySet()));
    }
    err.println("run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the " + (top ? "commands" : "options"));
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  static String message(Throwable ex) {
    Throwable t = ex;
    while ((t instanceof java.io.UncheckedIOException || t instanceof java.util.concurrent.CompletionException
        || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
