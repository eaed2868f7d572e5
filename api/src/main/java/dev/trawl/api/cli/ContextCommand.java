package dev.trawl.api.cli;

import dev.trawl.api.Engine;
import dev.trawl.api.http.ResponseMapping;
import dev.trawl.api.transcript.TranscriptService;
import dev.trawl.indexer.transcript.Timestamps;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.query.transcript.TranscriptContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl context <chunk-id> --before N --after N}: a transcript chunk with the turns around it. */
@Command(name = "context", mixinStandardHelpOptions = true,
    description = "Show a transcript chunk (a hit's id, e.g. 'sync-0304#c2') with turns before and after it.")
public final class ContextCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CHUNK_ID", description = "A transcript hit's document or passage id.")
  String chunkId;

  @Option(names = "--before", defaultValue = "3", description = "Turns before the chunk (default: ${DEFAULT-VALUE}).")
  int before;

  @Option(names = "--after", defaultValue = "3", description = "Turns after the chunk (default: ${DEFAULT-VALUE}).")
  int after;

  @Option(names = {"-c", "--collection"}, paramLabel = "NAME",
      description = "Collection (default: 'default', or the only collection if there is just one).")
  String collection;

  @Option(names = "--json", description = "Print the result as one JSON object, as the HTTP API's context endpoint "
      + "answers.")
  boolean json;

  @Mixin DataOptions data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OptionRange.between(spec, "--before", before, 0, TranscriptContext.MAX_CONTEXT_TURNS);
    OptionRange.between(spec, "--after", after, 0, TranscriptContext.MAX_CONTEXT_TURNS);
    if (TranscriptFields.chunkDocId(chunkId) == null) {
      throw OptionRange.usage(spec, "CHUNK_ID '" + chunkId + "' is not a transcript chunk id: give a transcript "
          + "hit's id, <meeting_id>#c<n> (e.g. sync-0304#c2), or its passage id");
    }
    try (Engine engine = data.openExisting()) {
      collection = DataOptions.collectionToRead(engine, collection);
      TranscriptService service = new TranscriptService(engine.catalog(), engine.searcher(),
          TranscriptChunking.defaults());
      long t0 = System.nanoTime();
      TranscriptContext.Window w = service.context(collection, chunkId, before, after, null);
      if (json) {
        JsonOutput.print(ResponseMapping.context(w, (System.nanoTime() - t0) / 1e6));
        return 0;
      }
      System.out.println(w.title() + (w.date().isEmpty() ? "" : " (" + w.date() + ")") + "  [" + w.meetingId() + "]");
      if (w.moreBefore()) {
        System.out.println("  ...");
      }
      for (TranscriptContext.ContextTurn t : w.turns()) {
        String time = t.start() == null ? "" : "[" + Timestamps.format(t.start()) + "] ";
        System.out.println((t.inChunk() ? "> " : "  ") + time + t.speaker() + ": " + t.text());
      }
      if (w.moreAfter()) {
        System.out.println("  ...");
      }
    }
    return 0;
  }
}
