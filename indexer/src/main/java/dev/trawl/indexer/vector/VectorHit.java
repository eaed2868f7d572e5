package dev.trawl.indexer.vector;

/**
 * One nearest-neighbour result.
 *
 * @param passageId id of the passage whose vector matched
 * @param docId id of the passage's parent document
 * @param similarity inner product of the (normalised) vectors, i.e. cosine similarity; higher is closer
 */
public record VectorHit(String passageId, String docId, float similarity) {}
