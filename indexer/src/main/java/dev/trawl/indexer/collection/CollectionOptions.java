package dev.trawl.indexer.collection;

import dev.trawl.indexer.chunk.ChunkingConfig;
import dev.trawl.indexer.vector.HnswVectorIndex;

/**
 * Settings a collection is created and opened with.
 *
 * @param chunking passage budget and overlap (recorded in the manifest at creation)
 * @param hnsw graph parameters for a newly built vector index
 * @param ramBufferMb Lucene indexing buffer
 */
public record CollectionOptions(ChunkingConfig chunking, HnswVectorIndex.Params hnsw, double ramBufferMb) {
  public static final int DEFAULT_MAX_PASSAGE_TOKENS = 384;
  public static final int DEFAULT_OVERLAP_TOKENS = 48;

  public static CollectionOptions defaults() {
    return new CollectionOptions(new ChunkingConfig(DEFAULT_MAX_PASSAGE_TOKENS, DEFAULT_OVERLAP_TOKENS),
        HnswVectorIndex.Params.DEFAULT, 128);
  }

  public CollectionOptions withChunking(ChunkingConfig c) {
    return new CollectionOptions(c, hnsw, ramBufferMb);
  }
}
