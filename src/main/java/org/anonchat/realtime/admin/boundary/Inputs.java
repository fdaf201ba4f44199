package org.anonchat.realtime.admin.boundary;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading and checking request bodies and parameters: anything wrong is a 400 problem that says what. */
final class Inputs {

  static final int MAX_ID = 128;

  private Inputs() {}

  static String id(String name, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_ID || value.chars().anyMatch(Character::isISOControl)) {
      throw Problems.badRequest(name + " must be 1.." + MAX_ID + " characters without control characters");
    }
    return value;
  }

  static String optionalId(String name, String value) {
    return value == null || value.isEmpty() ? null : id(name, value);
  }

  static JsonObject body(JsonObject body) {
    if (body == null) throw Problems.badRequest("a JSON object body is required");
    return body;
  }

  static String string(JsonObject body, String name, boolean required, int maxLength) {
    JsonValue v = body == null ? null : body.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) throw Problems.badRequest(name + " is required");
      return null;
    }
    if (!(v instanceof JsonString s)) throw Problems.badRequest(name + " must be a string");
    if (s.getString().length() > maxLength) throw Problems.badRequest(name + " must be at most " + maxLength + " characters");
    return s.getString();
  }

  static Long integer(JsonObject body, String name, long min, long max) {
    JsonValue v = body == null ? null : body.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return null;
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) throw Problems.badRequest(name + " must be an integer");
    long value;
    try {
      value = n.longValueExact();
    } catch (ArithmeticException e) {
      throw Problems.badRequest(name + " must be between " + min + " and " + max);
    }
    if (value < min || value > max) throw Problems.badRequest(name + " must be between " + min + " and " + max);
    return value;
  }

  static int limit(Integer limit, int max) {
    if (limit == null) return Math.min(50, max);
    if (limit < 1 || limit > max) throw Problems.badRequest("limit must be 1.." + max);
    return limit;
  }
}
