package dev.trawl.query;

/**
 * A passage found by one retriever, identified by Lucene doc ids in the snapshot it was found in.
 * No strings: ids are resolved from doc values only for what a request keeps (documents after
 * collapsing, {@link PassageKeys}), so a retriever costs about what its Lucene search costs.
 *
 * @param luceneDoc global Lucene doc id of the passage entry
 * @param parentDoc global Lucene doc id of its document entry, which identifies the source
 *     document within the snapshot (a document's block is the entry followed by its passages)
 * @param score the retriever's raw score (BM25, or cosine similarity)
 * @param rank 1-based rank in the retriever's passage list
 */
public record PassageCandidate(int luceneDoc, int parentDoc, float score, int rank) {
  /** Position of the passage in its document: passage {@code i} is entry {@code i + 1} of the block. */
  public int passageIndex() {
    return luceneDoc - parentDoc - 1;
  }
}
