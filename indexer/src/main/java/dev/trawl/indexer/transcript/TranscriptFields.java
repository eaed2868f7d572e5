package dev.trawl.indexer.transcript;

/**
 * Metadata keys of a transcript chunk document. Scalar values and lists of scalars become
 * keyword filter fields ({@code meta.<key>}), so {@code meeting_id}, {@code speakers},
 * {@code speaker_keys}, {@code date} and {@code turns} can be filtered on like any metadata.
 *
 * <pre>{@code
 * {"type": "transcript", "meeting_id": "m-2026-03-04", "title": "Weekly platform sync",
 *  "date": "2026-03-04", "speakers": ["Sarah Sachs", "Tom Lee"],
 *  "speaker_keys": ["sarah sachs", "sarah", "tom lee", "tom"], "start": 847.0, "end": 932.5,
 *  "chunk": 3, "turns": [41, 42, 43], "times": [[847.0, 900.0], [900.0, 915.5], [915.5, 932.5]]}
 * }</pre>
 */
public final class TranscriptFields {
  /** Document type; {@link #TYPE_TRANSCRIPT} for transcript chunks. */
  public static final String TYPE = "type";
  public static final String TYPE_TRANSCRIPT = "transcript";
  public static final String MEETING_ID = "meeting_id";
  /** The meeting's title as given ("" is left out). */
  public static final String TITLE = "title";
  /** ISO date {@code YYYY-MM-DD}; left out when unknown. Range filters compare it as a string. */
  public static final String DATE = "date";
  /** Display names of the speakers in the chunk, in order of first appearance. */
  public static final String SPEAKERS = "speakers";
  /** Lower-case names a {@code speaker} filter matches (full names, unambiguous first names). */
  public static final String SPEAKER_KEYS = "speaker_keys";
  /** Seconds: start of the chunk's first line and end of its last; left out when the transcript has no times. */
  public static final String START = "start";
  public static final String END = "end";
  /** 0-based index of the chunk in its meeting. */
  public static final String CHUNK = "chunk";
  /** Turn index of each line of the chunk, line by line (a split turn repeats). */
  public static final String TURNS = "turns";
  /** {@code [start, end]} seconds of each line (null where unknown); left out when the transcript has no times. */
  public static final String TIMES = "times";

  private TranscriptFields() {}

  /** Id of chunk {@code index} of meeting {@code meetingId}: {@code <meeting_id>#c<index>}. */
  public static String chunkId(String meetingId, int index) {
    return meetingId + "#c" + index;
  }

  /**
   * The document id of a chunk given either its document id ({@code m#c3}) or one of its
   * passage ids ({@code m#c3#0}), or null if {@code id} is neither.
   */
  public static String chunkDocId(String id) {
    int c = id.lastIndexOf("#c");
    if (c <= 0) {
      return null;
    }
    int end = c + 2;
    while (end < id.length() && Character.isDigit(id.charAt(end))) {
      end++;
    }
    if (end == c + 2) {
      return null;
    }
    if (end == id.length()) {
      return id;
    }
    String rest = id.substring(end);
    return rest.matches("#\\d+") ? id.substring(0, end) : null;
  }

  /** The meeting id of a chunk's document id ({@code m#c3} -> {@code m}, as {@link #chunkDocId} returns it). */
  public static String meetingIdOf(String chunkDocId) {
    return chunkDocId.substring(0, chunkDocId.lastIndexOf("#c"));
  }
}
