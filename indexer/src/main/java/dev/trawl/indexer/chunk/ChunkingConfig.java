package dev.trawl.indexer.chunk;
public record ChunkingConfig(int maxTokens, int overlapTokens) {}
