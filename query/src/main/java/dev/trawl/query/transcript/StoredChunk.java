package dev.trawl.query.transcript;

import dev.trawl.indexer.transcript.Timestamps;
import dev.trawl.indexer.transcript.TranscriptFields;
import dev.trawl.indexer.transcript.TranscriptText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A transcript chunk as read back from the index: its stored text split into lines, each with
 * its turn, speaker and times from the chunk's metadata ({@link TranscriptFields}).
 *
 * @param docId the chunk's document id
 * @param meetingId the meeting
 * @param title the meeting title ("" if none)
 * @param date the meeting date ("" if unknown)
 * @param chunk the chunk's index in its meeting
 * @param lines the chunk's lines in order
 */
public record StoredChunk(String docId, String meetingId, String title, String date, int chunk, List<Line> lines) {

  /**
   * One line of a chunk.
   *
   * @param turn the turn index in the meeting
   * @param speaker display name
   * @param start seconds, or null
   * @param end seconds, or null
   * @param text what was said (the line without its {@code [time] Speaker:} prefix)
   * @param offset where the line starts in the chunk text
   * @param length the line's length in the chunk text
   */
  public record Line(int turn, String speaker, Double start, Double end, String text, int offset, int length) {
    /** {@code [00:14:07-00:15:32] Sarah Sachs: } (times as known; none when the transcript has no times). */
    public String displayPrefix() {
      String time = start == null ? "" : end == null || Timestamps.format(end).equals(Timestamps.format(start))
          ? "[" + Timestamps.format(start) + "] "
          : "[" + Timestamps.format(start) + "-" + Timestamps.format(end) + "] ";
      return time + speaker + ": ";
    }
  }

  /** True if {@code metadata} is that of a transcript chunk. */
  public static boolean isTranscript(Map<String, Object> metadata) {
    return TranscriptFields.TYPE_TRANSCRIPT.equals(metadata.get(TranscriptFields.TYPE))
        && metadata.get(TranscriptFields.TURNS) instanceof List<?>;
  }

  /**
   * Reads a chunk from its stored text and metadata.
   *
   * @return null if the metadata is not a transcript chunk's or does not fit the text
   */
  public static StoredChunk of(String docId, String text, Map<String, Object> metadata) {
    if (!isTranscript(metadata)) {
      return null;
    }
    List<?> turns = (List<?>) metadata.get(TranscriptFields.TURNS);
    List<?> times = metadata.get(TranscriptFields.TIMES) instanceof List<?> t ? t : null;
    List<String> speakers = new ArrayList<>();
    if (metadata.get(TranscriptFields.SPEAKERS) instanceof List<?> s) {
      s.forEach(x -> speakers.add(String.valueOf(x)));
    }
    speakers.sort(Comparator.comparingInt(String::length).reversed());
    String[] all = text.split("\n", -1);
    if (all.length < turns.size()) {
      return null;
    }
    int first = all.length - turns.size();
    int offset = 0;
    for (int i = 0; i < first; i++) {
      offset += all[i].length() + 1;
    }
    List<Line> lines = new ArrayList<>(turns.size());
    for (int i = 0; i < turns.size(); i++) {
      String raw = all[first + i];
      Double start = null;
      Double end = null;
      if (times != null && i < times.size() && times.get(i) instanceof List<?> se && se.size() == 2) {
        start = number(se.get(0));
        end = number(se.get(1));
      }
      String speaker = "";
      String spoken = raw;
      for (String s : speakers) {
        String prefix = TranscriptText.prefix(start, s);
        if (raw.startsWith(prefix)) {
          speaker = s;
          spoken = raw.substring(prefix.length());
          break;
        }
      }
      int turn = turns.get(i) instanceof Number n ? n.intValue() : -1;
      lines.add(new Line(turn, speaker, start, end, spoken, offset, raw.length()));
      offset += raw.length() + 1;
    }
    Object chunk = metadata.get(TranscriptFields.CHUNK);
    return new StoredChunk(docId, string(metadata.get(TranscriptFields.MEETING_ID)),
        string(metadata.get(TranscriptFields.TITLE)), string(metadata.get(TranscriptFields.DATE)),
        chunk instanceof Number n ? n.intValue() : -1, lines);
  }

  private static Double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }

  private static String string(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
