package dev.trawl.indexer.transcript;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A meeting transcript: the meeting's identity and its turns in spoken order.
 *
 * <p>A transcript straight from a {@link TranscriptParser} may lack a meeting id (only JSON
 * carries one); {@link #withMeeting} fills in what the caller knows. {@link #requireIndexable()}
 * states what indexing needs.
 *
 * @param meetingId the meeting's id, "" while unknown; see {@link #MEETING_ID}
 * @param title the meeting's title, "" if none
 * @param date ISO date {@code YYYY-MM-DD} of the meeting, "" if unknown
 * @param participants people known to attend (may include some who never speak), in given order
 * @param turns the turns, in order of their {@link Turn#index()}
 */
public record Transcript(String meetingId, String title, String date, List<String> participants, List<Turn> turns) {
  /** What a meeting id may look like: 1-128 characters, no whitespace, no {@code #} (chunk ids use it). */
  public static final Pattern MEETING_ID = Pattern.compile("[^\\s#]{1,128}");

  public Transcript {
    meetingId = meetingId == null ? "" : meetingId.strip();
    title = title == null ? "" : title.strip();
    date = date == null ? "" : date.strip();
    participants = participants == null ? List.of() : List.copyOf(participants);
    turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
  }

  /**
   * This transcript with the given meeting fields; a null argument keeps the current value, so
   * explicit caller values win over what the file said.
   */
  public Transcript withMeeting(String newMeetingId, String newTitle, String newDate) {
    return new Transcript(newMeetingId != null ? newMeetingId : meetingId, newTitle != null ? newTitle : title,
        newDate != null ? newDate : date, participants, turns);
  }

  public Transcript withTurns(List<Turn> newTurns) {
    return new Transcript(meetingId, title, date, participants, newTurns);
  }

  public Transcript withParticipants(List<String> newParticipants) {
    return new Transcript(meetingId, title, date, newParticipants, turns);
  }

  /**
   * Checks that this transcript can be indexed: a valid meeting id, an ISO date or none, and at
   * least one turn.
   *
   * @throws IllegalArgumentException saying what to fix
   */
  public Transcript requireIndexable() {
    if (meetingId.isEmpty()) {
      throw new IllegalArgumentException("a meeting id is required: send \"meeting_id\" over HTTP or --meeting-id "
          + "on the command line, or put \"meeting_id\" in a JSON transcript");
    }
    if (!MEETING_ID.matcher(meetingId).matches()) {
      throw new IllegalArgumentException("invalid meeting id '" + meetingId
          + "': use 1-128 characters without spaces or '#'");
    }
    if (!date.isEmpty()) {
      checkDate(date);
    }
    if (turns.isEmpty()) {
      throw new IllegalArgumentException("transcript of meeting '" + meetingId + "' has no turns with text");
    }
    return this;
  }

  /** @throws IllegalArgumentException if {@code date} is not an ISO date {@code YYYY-MM-DD} */
  public static String checkDate(String date) {
    try {
      LocalDate.parse(date);
      return date;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid date '" + date + "': write it as YYYY-MM-DD, e.g. 2026-03-04");
    }
  }

  /** Number of words (runs of letters or digits) in all turns' text. */
  public long wordCount() {
    long words = 0;
    for (Turn t : turns) {
      words += countWords(t.text());
    }
    return words;
  }

  static int countWords(String text) {
    int words = 0;
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      boolean w = Character.isLetterOrDigit(text.charAt(i));
      if (w && !in) {
        words++;
      }
      in = w;
    }
    return words;
  }
}
