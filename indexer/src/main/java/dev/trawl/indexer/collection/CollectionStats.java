package dev.trawl.indexer.collection;

/**
 * Size of a collection.
 *
 * @param documents live documents
 * @param passages live passages (searchable units)
 * @param vectors entries in the vector index
 * @param bytesOnDisk total size of the collection folder
 */
public record CollectionStats(String name, long documents, long passages, long vectors, long bytesOnDisk) {}
