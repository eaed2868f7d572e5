package dev.trawl.indexer.ingest;

/** Receives progress of a long-running indexing job. Called from the indexing thread. */
public interface ProgressListener {
  /**
   * @param done documents written so far
   * @param total documents in the job
   * @param passages passages written so far
   * @param elapsedNanos wall time since the job started
   */
  void onProgress(long done, long total, long passages, long elapsedNanos);

  ProgressListener NONE = (done, total, passages, elapsedNanos) -> {};
}
