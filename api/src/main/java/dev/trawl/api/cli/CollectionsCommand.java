package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.ranker.model.ModelStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trawl collections}: lists collections with their sizes and reranker models, or deletes one. */
@Command(name = "collections", mixinStandardHelpOptions = true,
    description = "List collections with document and passage counts and the id of each one's learned reranker model"
        + " (- for none; details: trawl model -c NAME), or delete one.")
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
        String model = ModelStore.tag(ModelStore.folder(Catalog.folder(catalog.dataDir(), name))).orElse("-");
        System.out.printf("%-24s %,10d documents %,10d passages %10.1f MB  model %s%n", name, s.documents(),
            s.passages(), s.bytesOnDisk() / 1e6, model);
      }
    }
    return 0;
  }
}
