package org.anonchat.realtime.connections.entity;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

/**
 * A message as the wire shows it, in {@code message} events and in {@code history}. The first nine fields
 * are the original's; {@code seq}, {@code editedAt}, {@code deleted} and {@code status} are additions.
 */
public record MessageView(String id, long seq, String roomId, String userId, String displayName, String avatarUrl,
    String content, long createdAt, String clientMessageId, Long editedAt, boolean deleted, String status) {

  public JsonObjectBuilder toJSON(JsonBuilderFactory json) {
    JsonObjectBuilder b = json.createObjectBuilder()
        .add("id", id)
        .add("seq", seq)
        .add("roomId", roomId)
        .add("userId", userId)
        .add("displayName", displayName);
    Fields.addOrNull(b, "avatarUrl", avatarUrl);
    b.add("content", content).add("createdAt", createdAt);
    Fields.addOrNull(b, "clientMessageId", clientMessageId);
    if (editedAt != null) b.add("editedAt", editedAt);
    if (deleted) b.add("deleted", true);
    return b.add("status", status);
  }
}
