package org.anonchat.realtime.connections.entity;

import jakarta.json.JsonObjectBuilder;

/** Small helpers for writing optional payload fields. */
final class Fields {

  private Fields() {}

  /** The original sends {@code null} for absent optional strings (avatarUrl, clientMessageId). */
  static void addOrNull(JsonObjectBuilder b, String name, String value) {
    if (value == null) b.addNull(name);
    else b.add(name, value);
  }

  static void addOrNull(JsonObjectBuilder b, String name, Long value) {
    if (value == null) b.addNull(name);
    else b.add(name, value);
  }

  static void addIfPresent(JsonObjectBuilder b, String name, String value) {
    if (value != null) b.add(name, value);
  }
}
