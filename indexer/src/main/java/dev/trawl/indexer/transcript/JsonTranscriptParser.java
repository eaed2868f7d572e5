package dev.trawl.indexer.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trawl.indexer.source.JsonMessages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Trawl's JSON transcript form:
 *
 * <pre>{@code
 * {"meeting_id": "m-2026-03-04", "title": "Weekly platform sync", "date": "2026-03-04",
 *  "participants": ["Sarah Sachs", "Tom Lee"],
 *  "turns": [{"speaker": "Sarah Sachs", "start": "00:14:07", "end": 932.5, "text": "..."}]}
 * }</pre>
 *
 * <p>Only {@code turns} is required; each turn needs a non-blank string {@code speaker} and a
 * string {@code text}; {@code start} and {@code end} are optional, as a number of seconds or a
 * string {@link Timestamps} reads. Other fields are ignored. Errors name the line of the JSON
 * where the offending value (or turn) starts.
 */
public final class JsonTranscriptParser implements TranscriptParser {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  @Override
  public Transcript parse(String text, String source) {
    ParseErrors errors = new ParseErrors(source);
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String meetingId = "";
    String title = "";
    String date = "";
    List<String> participants = new ArrayList<>();
    List<Turn> turns = new ArrayList<>();
    boolean sawTurns = false;
    JsonFactory factory = JSON.getFactory();
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ParseErrors.single(source, line(p), "a JSON transcript is one object: {\"meeting_id\", \"title\", "
            + "\"date\", \"participants\", \"turns\": [...]}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        long at = line(p);
        switch (field) {
          case "meeting_id" -> meetingId = string(p, value, field, at, errors);
          case "title" -> title = string(p, value, field, at, errors);
          case "date" -> date = string(p, value, field, at, errors);
          case "participants" -> {
            if (value != JsonToken.START_ARRAY) {
              errors.add(at, "\"participants\" must be an array of names");
              p.skipChildren();
            } else {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                  participants.add(TranscriptParser.collapse(p.getText()));
                } else {
                  errors.add(line(p), "every participant must be a non-empty string");
                  p.skipChildren();
                }
              }
            }
          }
          case "turns" -> {
            sawTurns = true;
            if (value != JsonToken.START_ARRAY) {
              errors.add(at, "\"turns\" must be an array of {\"speaker\", \"start\", \"end\", \"text\"} objects");
              p.skipChildren();
            } else {
              int n = 0;
              while (p.nextToken() != JsonToken.END_ARRAY) {
                long turnLine = line(p);
                JsonNode node = JSON.readTree(p);
                Turn t = turn(node, n, turnLine, errors);
                if (t != null) {
                  turns.add(t);
                }
                n++;
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        errors.add(line(p), "unexpected content after the transcript object");
      }
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      errors.add(at, "not valid JSON: " + JsonMessages.withoutSource(e.getOriginalMessage()));
    } catch (IOException e) {
      errors.add(0, "cannot read JSON: " + e.getMessage());
    }
    if (errors.isEmpty() && !sawTurns) {
      errors.add(1, "no \"turns\" array; add \"turns\": [{\"speaker\": \"Name\", \"text\": \"...\"}]");
    }
    if (errors.isEmpty() && !date.isEmpty()) {
      try {
        Transcript.checkDate(date);
      } catch (IllegalArgumentException e) {
        errors.add(1, "\"date\": " + e.getMessage());
      }
    }
    errors.throwIfAny();
    return new Transcript(meetingId, title, date, participants, turns);
  }

  private static long line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static String string(JsonParser p, JsonToken value, String field, long at, ParseErrors errors)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value != JsonToken.VALUE_NULL) {
      errors.add(at, "\"" + field + "\" must be a string");
      p.skipChildren();
    }
    return "";
  }

  private static Turn turn(JsonNode node, int n, long at, ParseErrors errors) {
    String where = "turns[" + n + "]";
    if (!node.isObject()) {
      errors.add(at, where + " must be an object {\"speaker\", \"start\", \"end\", \"text\"}");
      return null;
    }
    JsonNode speaker = node.get("speaker");
    JsonNode text = node.get("text");
    boolean ok = true;
    if (speaker == null || !speaker.isTextual() || speaker.asText().isBlank()) {
      errors.add(at, where + " needs a non-empty string \"speaker\"");
      ok = false;
    }
    if (text == null || !text.isTextual()) {
      errors.add(at, where + " needs a string \"text\"");
      ok = false;
    }
    Double start = time(node.get("start"), where + ".start", at, errors);
    Double end = time(node.get("end"), where + ".end", at, errors);
    if (start != null && end != null && end < start) {
      errors.add(at, where + ": end (" + end + ") is before start (" + start + ")");
      ok = false;
    }
    if (!ok || (node.hasNonNull("start") && start == null) || (node.hasNonNull("end") && end == null)) {
      return null;
    }
    return new Turn(n, TranscriptParser.collapse(speaker.asText()), start, end,
        TranscriptParser.collapse(text.asText()));
  }

  private static Double time(JsonNode v, String where, long at, ParseErrors errors) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        errors.add(at, where + " must be a time >= 0 in seconds");
        return null;
      }
      return d;
    }
    if (v.isTextual()) {
      try {
        return Timestamps.parse(v.asText());
      } catch (IllegalArgumentException e) {
        errors.add(at, where + ": " + e.getMessage());
        return null;
      }
    }
    errors.add(at, where + " must be seconds or a string like \"00:14:07\"");
    return null;
  }
}
