package dev.trawl.indexer.ingest;

import dev.trawl.indexer.collection.WriteTimings;

/**
 * Summary of an indexing job.
 *
 * @param documents documents written
 * @param passages passages written
 * @param elapsedNanos wall time of the job
 * @param stages time per stage during the job (chunking, embedding, Lucene, graph, commit)
 */
public record IndexingReport(long documents, long passages, long elapsedNanos, WriteTimings.Snapshot stages) {

  public double docsPerSecond() {
    return elapsedNanos == 0 ? 0 : documents / (elapsedNanos / 1e9);
  }

  /** One-paragraph human summary. */
  public String describe() {
    double total = Math.max(1, stages.totalNanos());
    return String.format(
        "indexed %,d documents as %,d passages in %.1f s (%.1f docs/s, %.1f passages/s)%n"
            + "  time by stage: embedding %.1f s (%.0f%%), chunking %.1f s (%.0f%%), lucene %.1f s (%.0f%%),"
            + " vector graph %.1f s (%.0f%%), commit %.1f s (%.0f%%)",
        documents, passages, elapsedNanos / 1e9, docsPerSecond(), passages / Math.max(1e-9, elapsedNanos / 1e9),
        stages.embedNanos() / 1e9, 100 * stages.embedNanos() / total,
        stages.chunkNanos() / 1e9, 100 * stages.chunkNanos() / total,
        stages.luceneNanos() / 1e9, 100 * stages.luceneNanos() / total,
        stages.graphNanos() / 1e9, 100 * stages.graphNanos() / total,
        stages.commitNanos() / 1e9, 100 * stages.commitNanos() / total);
  }
}
