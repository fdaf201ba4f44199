package org.anonchat.realtime.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.function.Predicate;

/** Small builders and matchers for protocol payloads in ITs. */
public final class Frames {

  private Frames() {}

  public static JsonObjectBuilder payload() {
    return Json.createObjectBuilder();
  }

  public static JsonObjectBuilder room(String roomId) {
    return Json.createObjectBuilder().add("roomId", roomId);
  }

  public static JsonObjectBuilder say(String roomId, String content) {
    return room(roomId).add("content", content);
  }

  public static Predicate<JsonObject> field(String name, String value) {
    return p -> p.containsKey(name) && !p.isNull(name) && value.equals(p.getString(name));
  }

  public static Predicate<JsonObject> inRoom(String roomId) {
    return field("roomId", roomId);
  }

  public static Predicate<JsonObject> code(String code) {
    return field("code", code);
  }
}
