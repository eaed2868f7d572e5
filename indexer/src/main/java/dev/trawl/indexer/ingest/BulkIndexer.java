package dev.trawl.indexer.ingest;

import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.collection.WriteTimings;
import dev.trawl.indexer.source.SourceDocument;
import java.io.IOException;
import java.util.List;

/**
 * Writes many documents into a collection in batches (one embedding batch per write batch),
 * reporting progress, committing every {@code commitEvery} documents and at the end, and
 * saving the vector graph at the end.
 */
public final class BulkIndexer {
  public static final int DEFAULT_BATCH = 64;
  public static final int DEFAULT_COMMIT_EVERY = 20_000;

  private final int batchSize;
  private final int commitEvery;

  public BulkIndexer(int batchSize, int commitEvery) {
    if (batchSize < 1 || commitEvery < 1) {
      throw new IllegalArgumentException("batch size and commit interval must be >= 1");
    }
    this.batchSize = batchSize;
    this.commitEvery = commitEvery;
  }

  public BulkIndexer() {
    this(DEFAULT_BATCH, DEFAULT_COMMIT_EVERY);
  }

  public IndexingReport index(DocumentCollection collection, List<SourceDocument> docs, ProgressListener progress)
      throws IOException {
    WriteTimings.Snapshot before = collection.timings().snapshot();
    long t0 = System.nanoTime();
    long passages = 0;
    long sinceCommit = 0;
    progress.onProgress(0, docs.size(), 0, 0);
    for (int from = 0; from < docs.size(); from += batchSize) {
      List<SourceDocument> batch = docs.subList(from, Math.min(docs.size(), from + batchSize));
      var prepared = collection.prepare(batch);
      collection.write(prepared);
      for (var p : prepared) {
        passages += p.passages().size();
      }
      sinceCommit += batch.size();
      if (sinceCommit >= commitEvery) {
        collection.commit();
        sinceCommit = 0;
      }
      progress.onProgress(from + batch.size(), docs.size(), passages, System.nanoTime() - t0);
    }
    collection.commitAndSaveVectors();
    WriteTimings.Snapshot after = collection.timings().snapshot();
    WriteTimings.Snapshot delta = new WriteTimings.Snapshot(
        after.chunkNanos() - before.chunkNanos(), after.embedNanos() - before.embedNanos(),
        after.luceneNanos() - before.luceneNanos(), after.graphNanos() - before.graphNanos(),
        after.commitNanos() - before.commitNanos(), after.passages() - before.passages());
    return new IndexingReport(docs.size(), passages, System.nanoTime() - t0, delta);
  }
}
