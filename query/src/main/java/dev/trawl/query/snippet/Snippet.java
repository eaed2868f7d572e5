package dev.trawl.query.snippet;

/**
 * A piece of a passage shown to the caller.
 *
 * @param text the snippet text
 * @param start offset of the snippet within the passage text
 * @param end end offset (exclusive) within the passage text
 */
public record Snippet(String text, int start, int end) {}
