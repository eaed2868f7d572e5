/**
 * Cutting document text into {@link dev.trawl.indexer.chunk.Passage}s, the unit that is embedded,
 * indexed and retrieved.
 *
 * <p>{@link dev.trawl.indexer.chunk.PassageChunker} packs whole sentences ({@link
 * dev.trawl.indexer.chunk.SentenceSplitter}, OpenNLP) into passages within a token budget ({@link
 * dev.trawl.indexer.chunk.ChunkingConfig}, counted by {@link dev.trawl.indexer.chunk.TokenCounter})
 * with sentence-granular overlap. Passage offsets are exact character offsets into the original
 * text. Everything here is thread-safe, and the models come from Maven artifacts on the
 * classpath.
 */
package dev.trawl.indexer.chunk;
