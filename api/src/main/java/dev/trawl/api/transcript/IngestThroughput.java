package dev.trawl.api.transcript;

import dev.trawl.api.Engine;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.WriteTimings;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptChunking;
import dev.trawl.indexer.transcript.Turn;
import dev.trawl.ranker.eval.QmsumExperiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * Measures end-to-end transcript ingest: QMSum meetings are rendered as {@code Speaker: text}
 * transcript files (in a temporary folder outside the repository) and each is read from disk and
 * ingested through {@link TranscriptService} (detect, parse, normalise, chunk, embed with real
 * BGE-small and no embedding cache, write, commit) into a fresh temporary collection.
 * Throughput counts the words (letter/digit runs) of the indexed turns.
 */
public final class IngestThroughput {
  private IngestThroughput() {}

  /**
   * @param seconds ingest wall time for all meetings (model load excluded)
   * @param modelLoadSeconds loading BGE-small and starting ONNX Runtime, once per process
   */
  public record Result(int meetings, long words, long turns, long chunks, double seconds, double modelLoadSeconds,
      WriteTimings.Snapshot stages, int threads) {
    public double wordsPerSecond() {
      return words / seconds;
    }

    public String describe() {
      double total = Math.max(1, stages.totalNanos());
      return String.format(Locale.ROOT,
          "ingested %d meetings: %,d words, %,d turns, %,d chunks in %.1f s = %,.0f words/s (%,.1f turns/s)%n"
              + "  time by stage: embedding %.0f%%, chunking %.0f%%, lucene %.0f%%, vector graph %.0f%%, commit %.0f%%;"
              + " model load %.1f s (once per process); %d embedding threads",
          meetings, words, turns, chunks, seconds, wordsPerSecond(), turns / seconds,
          100 * stages.embedNanos() / total, 100 * stages.chunkNanos() / total, 100 * stages.luceneNanos() / total,
          100 * stages.graphNanos() / total, 100 * stages.commitNanos() / total, modelLoadSeconds, threads);
    }
  }

  /** Ingests the first {@code meetings} meetings of a QMSum folder into a temporary data folder. */
  public static Result measure(Path dataset, int meetings, PrintStream log) throws IOException {
    List<Transcript> all = QmsumExperiment.readMeetings(dataset.resolve("corpus.jsonl"));
    List<Transcript> some = all.subList(0, Math.min(meetings, all.size()));
    Path tmp = Files.createTempDirectory("trawl-ingest-throughput");
    try {
      for (Transcript t : some) {
        StringBuilder sb = new StringBuilder();
        for (Turn turn : t.turns()) {
          sb.append(turn.speaker()).append(": ").append(turn.text()).append('\n');
        }
        Files.writeString(tmp.resolve(t.meetingId() + ".txt"), sb);
      }
      long l0 = System.nanoTime();
      BgeSmallEmbedder bge = new BgeSmallEmbedder();
      bge.embedDocuments(List.of("warm up the model"));
      double load = (System.nanoTime() - l0) / 1e9;
      try (Engine engine = Engine.open(tmp.resolve("data"), bge, CollectionOptions.defaults())) {
        TranscriptService service = new TranscriptService(engine.catalog(), engine.searcher(),
            TranscriptChunking.defaults());
        WriteTimings.Snapshot before = engine.catalog().openOrCreate("throughput").timings().snapshot();
        long words = 0;
        long turns = 0;
        long chunks = 0;
        long t0 = System.nanoTime();
        for (Transcript t : some) {
          Path file = tmp.resolve(t.meetingId() + ".txt");
          var r = service.ingest("throughput", new TranscriptService.IngestRequest(Files.readString(file),
              file.getFileName().toString(), t.meetingId(), null, null, "auto", List.of(), List.of()));
          words += r.words();
          turns += r.turns();
          chunks += r.chunks();
          log.printf("  %s: %,d words, %d chunks, %.1f s%n", t.meetingId(), r.words(), r.chunks(), r.tookMs() / 1e3);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        WriteTimings.Snapshot after = engine.catalog().get("throughput").timings().snapshot();
        WriteTimings.Snapshot delta = new WriteTimings.Snapshot(after.chunkNanos() - before.chunkNanos(),
            after.embedNanos() - before.embedNanos(), after.luceneNanos() - before.luceneNanos(),
            after.graphNanos() - before.graphNanos(), after.commitNanos() - before.commitNanos(),
            after.passages() - before.passages());
        return new Result(some.size(), words, turns, chunks, seconds, load, delta, bge.threads());
      }
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
