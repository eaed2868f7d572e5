/**
 * Turning passages and queries into unit-length vectors.
 *
 * <ul>
 *   <li>{@link dev.trawl.indexer.embed.Embedder}: the contract;
 *   <li>{@link dev.trawl.indexer.embed.BgeSmallEmbedder}: the default, BGE-small-en-v1.5 (int8)
 *       in-process with ONNX Runtime, nothing downloaded at run time;
 *   <li>{@link dev.trawl.indexer.embed.CachingEmbedder} over an {@link
 *       dev.trawl.indexer.embed.EmbeddingCache}: skips the model for text embedded before, across
 *       runs;
 *   <li>{@link dev.trawl.indexer.embed.HashingEmbedder}: a deterministic, model-free stand-in for
 *       tests.
 * </ul>
 */
package dev.trawl.indexer.embed;
