package dev.trawl.api.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code trawl} command. Each subcommand is its own class. */
@Command(
    name = "trawl",
    mixinStandardHelpOptions = true,
    version = "Trawl 0.1.0",
    description = "Hybrid lexical/vector search for AI agents.",
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
        CollectionsCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /**
   * Lucene logs "Java vector incubator API enabled" at INFO when it starts. Useful in a server's
   * log; noise above every search or eval printed in a terminal, so only {@code serve} keeps it.
   * Held here because java.util.logging keeps only weak references to loggers.
   */
  private static final Logger LUCENE_VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
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
        });
    return cl.execute(args);
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
