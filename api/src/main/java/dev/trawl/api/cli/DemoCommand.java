package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.api.sample.SampleCorpus;
import dev.trawl.api.service.Caller;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.ingest.ConsoleProgress;
import dev.trawl.query.SearchRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code trawl demo}: indexes the bundled sample corpus (first run only) and runs example searches. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Index the bundled sample corpus into the 'sample' collection (once) and run example searches.")
public final class DemoCommand implements Callable<Integer> {
  static final List<String> EXAMPLES = List.of(
      "how do we fail over the primary database",
      "why were consumers falling behind on the event stream",
      "what did the team decide about rate limits for the public API");

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    try (Engine engine = data.openEngine(CollectionOptions.defaults())) {
      var c = engine.catalog().openOrCreate(SampleCorpus.COLLECTION);
      var report = SampleCorpus.indexIfEmpty(c, new ConsoleProgress(System.err, "indexing sample corpus", 2000));
      if (report != null) {
        System.out.println(report.describe());
      } else {
        System.out.println("sample corpus already indexed in " + c.dir());
      }
      for (String q : EXAMPLES) {
        System.out.println();
        System.out.println("$ trawl search --collection sample \"" + q + "\" --k 3");
        SearchRequest request = SearchRequest.of(q).withK(3);
        long t0 = System.nanoTime();
        var page = SearchCommand.service(engine).search(SampleCorpus.COLLECTION, request, Caller.UNRESTRICTED);
        SearchCommand.print(page, request, (System.nanoTime() - t0) / 1e6);
      }
      System.out.println();
      System.out.println("Next: ./trawl search --collection sample \"your question\" --data " + data.dataDir()
          + "   (add --json for machine-readable output)");
    }
    return 0;
  }
}
