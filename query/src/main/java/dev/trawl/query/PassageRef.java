package dev.trawl.query;

/**
 * The passage a hit's snippet comes from.
 *
 * @param id passage id, fetchable on its own
 * @param index position of the passage in its document
 * @param start character offset of the passage in the document text
 * @param end end offset (exclusive)
 */
public record PassageRef(String id, int index, int start, int end) {}
