package dev.trawl.query.filter;

import dev.trawl.indexer.source.MetadataDate;
import dev.trawl.indexer.transcript.SpeakerNames;
import dev.trawl.indexer.transcript.Transcript;
import dev.trawl.indexer.transcript.TranscriptFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code filter} object of a search request (HTTP {@code search} and
 * {@code multi_search}, MCP tools, CLI) into a {@link SearchFilter}. Keys:
 *
 * <ul>
 *   <li>{@code "speaker"}: a name or a list of names; transcript chunks in which one of them
 *       speaks. Case and spacing do not matter, and a first name matches the full name when it
 *       is unambiguous within the meeting (filters metadata {@code speaker_keys}).
 *   <li>{@code "meeting_id"}: an id or a list of ids.
 *   <li>{@code "date_from"}, {@code "date_to"}: ISO dates {@code YYYY-MM-DD}, inclusive, on the
 *       metadata field {@code date}, which is indexed as its day (a date-time counts on the day
 *       written; see {@link dev.trawl.indexer.source.MetadataDate}, also for collections written
 *       before that).
 *   <li>{@code "<field>": {"from": a, "to": b}}: any other inclusive range (strings compared in
 *       code point order; either bound may be left out).
 *   <li>{@code "<field>": value} or {@code [values]}: equality on any other metadata field;
 *       values are strings, numbers or booleans, compared as their text.
 * </ul>
 *
 * <p>Example: {@code {"speaker": "sarah", "date_from": "2026-03-01", "type": "transcript"}}.
 */
public final class FilterParser {
  public static final String SPEAKER = "speaker";
  public static final String DATE_FROM = "date_from";
  public static final String DATE_TO = "date_to";

  private FilterParser() {}

  /**
   * @param json the request's filter object; null or empty for none
   * @throws IllegalArgumentException naming the key and what a valid value looks like
   */
  public static SearchFilter parse(Map<String, ?> json) {
    SearchFilter f = SearchFilter.NONE;
    if (json == null) {
      return f;
    }
    String from = null;
    String to = null;
    for (Map.Entry<String, ?> e : json.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      switch (key) {
        case SPEAKER -> f = f.withMetadata(TranscriptFields.SPEAKER_KEYS,
            values(key, value).stream().map(SpeakerNames::key).toList());
        case DATE_FROM -> from = date(key, value);
        case DATE_TO -> to = date(key, value);
        default -> {
          if (value instanceof Map<?, ?> range) {
            f = f.withRange(key, days(key, range(key, range)));
          } else {
            f = f.withMetadata(key, days(key, values(key, value)));
          }
        }
      }
    }
    if (from != null || to != null) {
      if (from != null && to != null && from.compareTo(to) > 0) {
        throw new IllegalArgumentException("date_from " + from + " is after date_to " + to);
      }
      f = f.withRange(TranscriptFields.DATE, new SearchFilter.Range(from, to));
    }
    return f;
  }

  private static String date(String key, Object value) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("filter " + key + " must be a date string YYYY-MM-DD");
    }
    try {
      return Transcript.checkDate(s.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("filter " + key + ": " + e.getMessage());
    }
  }

  /**
   * Values for the metadata field {@code date} as the days they are indexed as ({@link
   * MetadataDate#day}), so that {@code {"date": "2026-03-04T10:00:00Z"}} matches that day; values
   * of any other field unchanged.
   */
  private static List<String> days(String key, List<String> values) {
    return key.equals(MetadataDate.FIELD) ? values.stream().map(v -> day(key, v)).toList() : values;
  }

  private static SearchFilter.Range days(String key, SearchFilter.Range r) {
    if (!key.equals(MetadataDate.FIELD)) {
      return r;
    }
    return new SearchFilter.Range(r.from() == null ? null : day(key, r.from()), r.to() == null ? null : day(key, r.to()));
  }

  private static String day(String key, String value) {
    try {
      return MetadataDate.day(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("filter " + key + ": " + e.getMessage());
    }
  }

  private static SearchFilter.Range range(String key, Map<?, ?> range) {
    for (Object k : range.keySet()) {
      if (!"from".equals(k) && !"to".equals(k)) {
        throw new IllegalArgumentException("filter " + key + ": a range has only \"from\" and \"to\", got \"" + k + "\"");
      }
    }
    Object from = range.get("from");
    Object to = range.get("to");
    if (from == null && to == null) {
      throw new IllegalArgumentException("filter " + key + ": give \"from\", \"to\" or both");
    }
    return new SearchFilter.Range(from == null ? null : scalar(key, from), to == null ? null : scalar(key, to));
  }

  private static List<String> values(String key, Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object v : list) {
        out.add(scalar(key, v));
      }
    } else {
      out.add(scalar(key, value));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("filter " + key + " needs at least one value");
    }
    return out;
  }

  private static String scalar(String key, Object v) {
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw new IllegalArgumentException("filter " + key + " takes a string, number or boolean, or a list of them");
  }
}
