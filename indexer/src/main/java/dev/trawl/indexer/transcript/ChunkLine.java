package dev.trawl.indexer.transcript;

/**
 * One line of a transcript chunk: a whole turn, or one piece of a turn too long for a chunk.
 *
 * @param turn the turn's {@link Turn#index()}
 * @param part 0 for a whole turn or its first piece, then 1, 2, ... for later pieces
 * @param speaker display name of the speaker
 * @param start the turn's start in seconds, or null
 * @param end the turn's end in seconds, or null
 * @param text the turn's (or piece's) cleaned text
 */
public record ChunkLine(int turn, int part, String speaker, Double start, Double end, String text) {}
