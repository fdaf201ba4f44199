package org.anonchat.realtime.connections.entity;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/** One recipient's receipt for a message, as its author sees it in history: {@code delivered} or {@code read}. */
public record ReceiptView(String userId, Long deliveredAt, Long readAt) {

  public String status() {
    return readAt != null ? "read" : "delivered";
  }

  public JsonObjectBuilder toJSON(JsonBuilderFactory json) {
    JsonObjectBuilder b = json.createObjectBuilder().add("userId", userId).add("status", status());
    Fields.addOrNull(b, "deliveredAt", deliveredAt);
    Fields.addOrNull(b, "readAt", readAt);
    return b;
  }
}
