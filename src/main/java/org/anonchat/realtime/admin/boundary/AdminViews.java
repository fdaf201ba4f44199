package org.anonchat.realtime.admin.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import org.anonchat.realtime.connections.entity.ConnectionInfo;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.metrics.entity.StatsSample;
import org.anonchat.realtime.moderation.entity.RoomRule;
import org.anonchat.realtime.moderation.entity.Sanction;

/** The admin API's JSON shapes (docs/admin.md shows each). */
final class AdminViews {

  private AdminViews() {}

  static JsonObject stats(StatsSample s) {
    return Json.createObjectBuilder()
        .add("at", s.at())
        .add("connections", s.connections())
        .add("usersOnline", s.usersOnline())
        .add("rooms", s.rooms())
        .add("messagesPerSecond", round(s.messagesPerSecond()))
        .add("deliveriesPerSecond", round(s.deliveriesPerSecond()))
        .add("messagesTotal", s.messagesTotal())
        .add("deliveriesTotal", s.deliveriesTotal())
        .add("fanoutMicros", Json.createObjectBuilder().add("p50", s.fanoutP50Micros()).add("p95", s.fanoutP95Micros())
            .add("p99", s.fanoutP99Micros()).add("samples", s.fanoutSamples()))
        .build();
  }

  static JsonObject connection(ConnectionInfo c) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("id", c.id());
    addOrNull(b, "userId", c.userId());
    addOrNull(b, "displayName", c.displayName());
    return b.add("address", c.address()).add("rooms", strings(c.rooms())).add("connectedSince", c.connectedSince()).build();
  }

  static JsonObject message(ChatMessage m) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("id", m.id()).add("roomId", m.roomId()).add("seq", m.seq())
        .add("userId", m.userId()).add("displayName", m.displayName()).add("content", m.content())
        .add("createdAt", m.createdAt()).add("deleted", m.isDeleted());
    if (m.editedAt() != null) b.add("editedAt", m.editedAt());
    if (m.deletedAt() != null) b.add("deletedAt", m.deletedAt());
    return b.build();
  }

  static JsonObject sanction(Sanction s) {
    JsonObjectBuilder b = Json.createObjectBuilder().add("userId", s.userId()).add("kind", s.kind().name().toLowerCase())
        .add("until", s.until());
    addOrNull(b, "reason", s.reason());
    return b.build();
  }

  static JsonObjectBuilder rule(RoomRule rule, JsonObjectBuilder b) {
    b.add("closed", rule != null && rule.closed()).add("private", rule != null && rule.isPrivate());
    if (rule != null && rule.isPrivate()) b.add("allowed", strings(rule.allowed()));
    return b;
  }

  static JsonArrayBuilder strings(Collection<String> values) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    values.stream().sorted().forEach(a::add);
    return a;
  }

  static void addOrNull(JsonObjectBuilder b, String name, String value) {
    if (value == null) b.addNull(name);
    else b.add(name, value);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
