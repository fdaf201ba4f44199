package org.anonchat.realtime.connections.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A message as the wire shows it, in {@code message} events and in {@code history}. The first nine fields
 * are the original's; {@code seq}, {@code editedAt}, {@code deleted}, {@code status} and {@code receipts}
 * are additions. {@code receipts} (each recipient's receipt) is only filled in history sent to the author.
 */
public record MessageView(String id, long seq, String roomId, String userId, String displayName, String avatarUrl,
    String content, long createdAt, String clientMessageId, Long editedAt, boolean deleted, String status,
    List<ReceiptView> receipts) {

  public MessageView withReceipts(List<ReceiptView> receipts) {
    return new MessageView(id, seq, roomId, userId, displayName, avatarUrl, content, createdAt, clientMessageId,
        editedAt, deleted, status, receipts);
  }

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
    b.add("status", status);
    if (receipts != null) {
      JsonArrayBuilder list = json.createArrayBuilder();
      receipts.forEach(r -> list.add(r.toJSON(json)));
      b.add("receipts", list);
    }
    return b;
  }
}
