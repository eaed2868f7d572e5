package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trawl collections}: lists collections with their sizes, or deletes one. */
@Command(name = "collections", mixinStandardHelpOptions = true,
    description = "List collections with document and passage counts, or delete one.")
public final class CollectionsCommand implements Callable<Integer> {
  @Option(names = "--delete", paramLabel = "NAME", description = "Delete this collection and its files.")
  String delete;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    try (Engine engine = data.openExisting()) {
      var catalog = engine.catalog();
      if (delete != null) {
        if (!catalog.delete(delete)) {
          throw new IllegalArgumentException("no collection named '" + delete + "'");
        }
        System.out.println("deleted collection '" + delete + "'");
        return 0;
      }
      var names = catalog.list();
      if (names.isEmpty()) {
        System.out.println("no collections in " + catalog.dataDir() + " (create one with: trawl index FILE.jsonl)");
      }
      for (String name : names) {
        var s = catalog.get(name).stats();
        System.out.printf("%-24s %,10d documents %,10d passages %10.1f MB%n", name, s.documents(), s.passages(),
            s.bytesOnDisk() / 1e6);
      }
    }
    return 0;
  }
}
