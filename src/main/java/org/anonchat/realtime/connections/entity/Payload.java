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

  /** Longest id (message, client message, ref) the server accepts. */
  public static final int MAX_ID_LENGTH = 128;
  /** Longest room id; room ids use only {@link #ROOM_ID_CHARACTERS}. */
  public static final int MAX_ROOM_ID_LENGTH = 64;
  public static final String ROOM_ID_CHARACTERS = "A-Z a-z 0-9 - _ . :";
  private static final java.util.regex.Pattern ROOM_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null) throw invalid(field + " is required");
    return value;
  }

  public String optionalString(String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value instanceof JsonString s) return wellFormed(field, s.getString());
    throw invalid(field + " must be a string");
  }

  public Boolean optionalBoolean(String field) {
    JsonValue value = json.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) return null;
    if (value.getValueType() == JsonValue.ValueType.TRUE) return true;
    if (value.getValueType() == JsonValue.ValueType.FALSE) return false;
    throw invalid(field + " must be true or false");
  }

  /** A room id: 1..64 characters from {@link #ROOM_ID_CHARACTERS}. */
  public String requiredRoomId(String field) {
    return checkRoomId(field, requiredString(field));
  }

  public String optionalRoomId(String field) {
    String value = optionalString(field);
    return value == null ? null : checkRoomId(field, value);
  }

  private static String checkRoomId(String field, String value) {
    if (!ROOM_ID.matcher(value).matches()) {
      throw invalid(field + " must be 1.." + MAX_ROOM_ID_LENGTH + " characters from " + ROOM_ID_CHARACTERS);
    }
    return value;
  }

  /**
   * JSON escapes can spell a lone UTF-16 surrogate ("\ud800"), which is no text at all: stored or relayed,
   * it would turn into replacement characters or a failed send. Refused here, once for every string field.
   */
  private static String wellFormed(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid(field + " contains an unpaired UTF-16 surrogate");
      }
    }
    return value;
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
      ids.add(checkId(field, wellFormed(field, s.getString())));
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
