package dev.trawl.indexer.vector;

/**
 * Which Lucene state a saved vector index reflects.
 *
 * @param commitId the {@code trawl.commit} user-data value of the Lucene commit
 * @param seq the highest passage write sequence included
 */
public record VectorIndexStamp(String commitId, long seq) {}
