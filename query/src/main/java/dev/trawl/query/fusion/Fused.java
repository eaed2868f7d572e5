package dev.trawl.query.fusion;

/** A key and its fused score. */
public record Fused(String key, double score) {}
