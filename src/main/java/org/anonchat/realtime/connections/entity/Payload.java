package org.anonchat.realtime.connections.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads from a client frame's {@code payload}. A missing required field or a value of the wrong
 * JSON type is an INVALID_PAYLOAD error naming the field; unknown fields are ignored (forward compatible).
 */
public record Payload(JsonObject json) {

  /** Longest id (room, message, client message) the server accepts. */
  public static final int MAX_ID_LENGTH = 128;

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null) throw invalid(field + " is required");
    return value;
  }

  public String optionalString(String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof JsonString s) return s.getString();
    throw invalid(field + " must be a string");
  }

  /** A non-blank identifier of at most {@link #MAX_ID_LENGTH} characters without control characters. */
  public String requiredId(String field) {
    return checkId(field, requiredString(field));
  }

  public String optionalId(String field) {
    String value = optionalString(field);
    return value == null ? null : checkId(field, value);
  }

  public Long optionalLong(String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid(field + " is out of range");
      }
    }
    throw invalid(field + " must be an integer");
  }

  public List<String> requiredIds(String field) {
    JsonValue value = json.get(field);
    if (!(value instanceof JsonArray array)) throw invalid(field + " must be an array of strings");
    List<String> ids = new ArrayList<>(array.size());
    for (JsonValue item : array) {
      if (!(item instanceof JsonString s)) throw invalid(field + " must be an array of strings");
      ids.add(checkId(field, s.getString()));
    }
    return ids;
  }

  private static String checkId(String field, String value) {
    if (value.isBlank() || value.length() > MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(field + " must be 1.." + MAX_ID_LENGTH + " characters without control characters");
    }
    return value;
  }

  private static ProtocolException invalid(String message) {
    return new ProtocolException(ErrorCode.INVALID_PAYLOAD, message);
  }
}
