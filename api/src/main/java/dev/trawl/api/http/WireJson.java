package dev.trawl.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.trawl.indexer.source.JsonMessages;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON mapping of the HTTP edge: snake_case field names, strict types (no "5" for 5,
 * no 2.5 for an int), unknown fields rejected, nulls omitted from responses. Parse errors become
 * {@link BadRequest}s whose message names the field and says what to send instead.
 */
public final class WireJson {
  public static final ObjectMapper MAPPER = build();

  private WireJson() {}

  private static ObjectMapper build() {
    JsonMapper m = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    fail(m, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
    fail(m, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean);
    fail(m, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
    fail(m, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer);
    return m;
  }

  private static void fail(JsonMapper m, LogicalType target, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      m.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
    }
  }

  /** A request the caller must fix; 400 with {@code code}. */
  public static final class BadRequest extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public BadRequest(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Parses a request body into {@code type}. */
  public static <T> T read(Buffer body, Class<T> type) {
    if (body == null || body.length() == 0) {
      throw new BadRequest("missing_body", "the request needs a JSON body (Content-Type: application/json)");
    }
    try {
      T value = MAPPER.readValue(body.getBytes(), type);
      if (value == null) {
        throw new BadRequest("invalid_request", "the body must be a JSON object, not null");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new BadRequest("unknown_field", "unknown field '" + path(e) + "'"
          + (known.isEmpty() ? "" : "; allowed fields here: " + known));
    } catch (MismatchedInputException e) {
      throw new BadRequest("wrong_type", mismatch(e));
    } catch (JsonProcessingException e) {
      if (e instanceof InputCoercionException ic) {
        throw new BadRequest("out_of_range", tooLarge(ic, null));
      }
      if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException ic) {
        throw new BadRequest("out_of_range", tooLarge(ic, path(m)));
      }
      var loc = e.getLocation();
      throw new BadRequest("malformed_json", "the body is not valid JSON"
          + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
          + ": " + JsonMessages.withoutSource(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BadRequest("malformed_json", "the body could not be read: " + e.getMessage());
    }
  }

  /** The message for a number that does not fit the field's type, naming the field and its bounds. */
  private static String tooLarge(InputCoercionException e, String path) {
    String field = path == null || path.isEmpty() ? null : path;
    String value = "";
    if (e.getProcessor() instanceof JsonParser p) {
      try {
        if (field == null) {
          field = p.currentName();
        }
        value = p.getText();
      } catch (IOException | RuntimeException ignored) {
        // the message goes without what could not be read
      }
    }
    String bounds = RequestMapping.bounds(field);
    return (field == null ? "a number" : "'" + field + "'") + " is out of range"
        + (value.isEmpty() ? "" : ", got " + value)
        + (bounds == null ? ": it is too large for any allowed value" : ": it must be " + bounds);
  }

  private static String mismatch(MismatchedInputException e) {
    String field = path(e);
    Class<?> target = e.getTargetType();
    String expected = describe(target);
    String got = "";
    if (e.getProcessor() instanceof JsonParser p && p.currentToken() != null) {
      got = ", got " + describe(p.currentToken());
    }
    if (field.isEmpty()) {
      return "the body must be a JSON object" + got;
    }
    return "field '" + field + "' must be " + expected + got;
  }

  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Class<?> t) {
    if (t == null) {
      return "of another type";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "an integer";
    }
    if (t == Double.class || t == double.class || t == Float.class) {
      return "a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(t)) {
      return "an array";
    }
    return "an object";
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY, END_ARRAY -> "an array";
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  /** Converts an already parsed JSON value into {@code type}, with the same messages as {@link #read(Buffer, Class)}. */
  public static <T> T read(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    try {
      return read(Buffer.buffer(MAPPER.writeValueAsBytes(node)), type);
    } catch (JsonProcessingException e) {
      throw new BadRequest("malformed_json", "arguments could not be read: " + JsonMessages.withoutSource(e.getOriginalMessage()));
    }
  }

  /** Serialises a response value. */
  public static Buffer write(Object value) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Error body {@code {"error": {code, message, details}}}. */
  public record ErrorBody(Detail error) {
    public record Detail(String code, String message, Map<String, Object> details) {}

    public static ErrorBody of(String code, String message, Map<String, Object> details) {
      return new ErrorBody(new Detail(code, message, details == null ? Map.of() : details));
    }
  }
}
