package dev.trawl.query.group;

import dev.trawl.indexer.transcript.TranscriptFields;

/**
 * How to collapse a result list: by the value of one metadata field, keeping the best
 * {@code perGroup} hits of each group.
 *
 * @param field the metadata field whose value names a hit's group; a hit without it is a group
 *     of its own, keyed by its document id
 * @param perGroup most hits kept per group, best first; at least 1
 */
public record GroupBy(String field, int perGroup) {
  /** The request value that groups transcript chunks by meeting. */
  public static final String MEETING = "meeting";
  public static final int DEFAULT_PER_GROUP = 3;
  public static final int MAX_PER_GROUP = 20;

  public GroupBy {
    if (field == null || field.isBlank()) {
      throw new IllegalArgumentException("group_by needs a field, e.g. \"meeting\"");
    }
    if (perGroup < 1 || perGroup > MAX_PER_GROUP) {
      throw new IllegalArgumentException("hits per group must be between 1 and " + MAX_PER_GROUP + ", got " + perGroup);
    }
  }

  /** One group per meeting ({@code meeting_id}), its best {@value #DEFAULT_PER_GROUP} chunks. */
  public static GroupBy meeting() {
    return new GroupBy(TranscriptFields.MEETING_ID, DEFAULT_PER_GROUP);
  }

  /**
   * Reads a request's {@code group_by} value: {@code "meeting"} means {@code meeting_id}; any
   * other value is a metadata field name.
   */
  public static GroupBy parse(String value, int perGroup) {
    String v = value == null ? "" : value.strip();
    return new GroupBy(v.equals(MEETING) ? TranscriptFields.MEETING_ID : v, perGroup);
  }

  public GroupBy withPerGroup(int n) {
    return new GroupBy(field, n);
  }
}
