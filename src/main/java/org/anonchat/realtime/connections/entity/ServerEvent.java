package org.anonchat.realtime.connections.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Everything the server sends, one record per wire {@code type}. Payload field names are the original's;
 * additions are new optional fields. Direct replies carry the {@code ref} of the frame they answer.
 */
public sealed interface ServerEvent {

  String type();

  JsonObjectBuilder payload(JsonBuilderFactory json);

  /** The echoed correlation string, or null for events that are not a direct reply. */
  default String ref() {
    return null;
  }

  record ConnectionEstablished(String clientId, String challenge, long challengeExpiresAt) implements ServerEvent {
    public String type() { return "connection_established"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("clientId", clientId).add("challenge", challenge)
          .add("challengeExpiresAt", challengeExpiresAt);
    }
  }

  /** A fresh wallet-proof nonce for this connection, in reply to request_challenge. */
  record Challenge(String ref, String challenge, long expiresAt) implements ServerEvent {
    public String type() { return "challenge"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("challenge", challenge).add("expiresAt", expiresAt);
    }
  }

  /** {@code walletAddress} is the wallet this connection proved, or null ({@code walletVerified} false). */
  record AuthOk(String ref, String userId, String displayName, String avatarUrl, String token, long tokenExpiresAt,
      String walletAddress) implements ServerEvent {
    public String type() { return "auth_ok"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      JsonObjectBuilder b = json.createObjectBuilder().add("userId", userId).add("displayName", displayName);
      Fields.addOrNull(b, "avatarUrl", avatarUrl);
      b.add("token", token).add("tokenExpiresAt", tokenExpiresAt).add("walletVerified", walletAddress != null);
      Fields.addOrNull(b, "walletAddress", walletAddress);
      return b;
    }
  }

  record RoomCreated(String ref, String roomId, String name, boolean isPrivate, String ownerId) implements ServerEvent {
    public String type() { return "room_created"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("roomId", roomId).add("name", name).add("private", isPrivate)
          .add("ownerId", ownerId);
    }
  }

  /** {@code walletAddress} is the one the invite named, or null when it named a user id. */
  record MemberInvited(String ref, String roomId, String userId, String walletAddress) implements ServerEvent {
    public String type() { return "member_invited"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      JsonObjectBuilder b = json.createObjectBuilder().add("roomId", roomId).add("userId", userId);
      Fields.addOrNull(b, "walletAddress", walletAddress);
      return b;
    }
  }

  record InviteCode(String ref, String roomId, String inviteCode, long expiresAt) implements ServerEvent {
    public String type() { return "invite_code"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("roomId", roomId).add("inviteCode", inviteCode).add("expiresAt", expiresAt);
    }
  }

  /** One user's presence, as in presence_update and in presence_snapshot's users[]. */
  record UserPresence(String userId, String displayName, String walletAddress, String status, long lastSeen) {
    JsonObjectBuilder toJSON(JsonBuilderFactory json) {
      JsonObjectBuilder b = json.createObjectBuilder().add("userId", userId).add("displayName", displayName);
      Fields.addOrNull(b, "walletAddress", walletAddress);
      return b.add("status", status).add("lastSeen", lastSeen);
    }
  }

  record PresenceUpdate(UserPresence user) implements ServerEvent {
    public String type() { return "presence_update"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return user.toJSON(json);
    }
  }

  record PresenceSnapshot(String ref, String roomId, List<UserPresence> users) implements ServerEvent {
    public String type() { return "presence_snapshot"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      JsonArrayBuilder a = json.createArrayBuilder();
      users.forEach(u -> a.add(u.toJSON(json)));
      JsonObjectBuilder b = json.createObjectBuilder();
      Fields.addIfPresent(b, "roomId", roomId);
      return b.add("users", a);
    }
  }

  record RoomJoin(String userId, String roomId, String displayName) implements ServerEvent {
    public String type() { return "room_join"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("userId", userId).add("roomId", roomId).add("displayName", displayName);
    }
  }

  record RoomLeave(String userId, String roomId) implements ServerEvent {
    public String type() { return "room_leave"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("userId", userId).add("roomId", roomId);
    }
  }

  record Message(MessageView message) implements ServerEvent {
    public String type() { return "message"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return message.toJSON(json);
    }
  }

  /** {@code duplicate} is true when a resend with a known clientMessageId was recognised (nothing new stored). */
  record MessageAck(String ref, String clientMessageId, String messageId, long seq, String status, boolean duplicate)
      implements ServerEvent {
    public String type() { return "message_ack"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      JsonObjectBuilder b = json.createObjectBuilder();
      Fields.addOrNull(b, "clientMessageId", clientMessageId);
      return b.add("messageId", messageId).add("seq", seq).add("status", status).add("duplicate", duplicate);
    }
  }

  /** {@code status} is this user's receipt; {@code messageStatus} the message's aggregate (docs/protocol.md). */
  record MessageStatusUpdate(String messageId, String roomId, String userId, String status, String messageStatus)
      implements ServerEvent {
    public String type() { return "message_status_update"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("messageId", messageId).add("roomId", roomId).add("userId", userId)
          .add("status", status).add("messageStatus", messageStatus);
    }
  }

  record MessageEdit(String messageId, String userId, String roomId, String content, long editedAt) implements ServerEvent {
    public String type() { return "message_edit"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("messageId", messageId).add("userId", userId).add("roomId", roomId)
          .add("content", content).add("editedAt", editedAt);
    }
  }

  record MessageDeleted(String messageId, String userId, String roomId, long deletedAt) implements ServerEvent {
    public String type() { return "message_deleted"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("messageId", messageId).add("userId", userId).add("roomId", roomId)
          .add("deletedAt", deletedAt);
    }
  }

  record MessageReadReceipt(String messageId, String userId, String displayName, long readAt, String roomId)
      implements ServerEvent {
    public String type() { return "message_read_receipt"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("messageId", messageId).add("userId", userId)
          .add("displayName", displayName).add("readAt", readAt).add("roomId", roomId);
    }
  }

  record UserTyping(String roomId, String userId, String displayName) implements ServerEvent {
    public String type() { return "user_typing"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("roomId", roomId).add("userId", userId).add("displayName", displayName);
    }
  }

  record UserStopTyping(String roomId, String userId) implements ServerEvent {
    public String type() { return "user_stop_typing"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("roomId", roomId).add("userId", userId);
    }
  }

  record WalletConnect(String userId, String walletAddress) implements ServerEvent {
    public String type() { return "wallet_connect"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("userId", userId).add("walletAddress", walletAddress);
    }
  }

  record WalletDisconnect(String userId, String walletAddress) implements ServerEvent {
    public String type() { return "wallet_disconnect"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder().add("userId", userId).add("walletAddress", walletAddress);
    }
  }

  /** Whatever server code pushes to a user; the payload is passed through as given. */
  record Notification(JsonObject body) implements ServerEvent {
    public String type() { return "notification"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      return json.createObjectBuilder(body);
    }
  }

  /**
   * A page of a room's messages. A recovery (the answer to {@code join_room{sinceSeq}}) also says whether it
   * holds everything missed ({@code recovered}) and lists older messages changed meanwhile ({@code changed});
   * both are absent from a plain {@code history} reply.
   */
  record History(String ref, String roomId, List<MessageView> messages, boolean hasMore, Boolean recovered,
      List<MessageView> changed) implements ServerEvent {
    public History(String ref, String roomId, List<MessageView> messages, boolean hasMore) {
      this(ref, roomId, messages, hasMore, null, null);
    }

    public String type() { return "history"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      JsonObjectBuilder b = json.createObjectBuilder().add("roomId", roomId).add("messages", array(json, messages))
          .add("hasMore", hasMore);
      if (recovered != null) b.add("recovered", recovered);
      if (changed != null) b.add("changed", array(json, changed));
      return b;
    }

    private static JsonArrayBuilder array(JsonBuilderFactory json, List<MessageView> messages) {
      JsonArrayBuilder a = json.createArrayBuilder();
      messages.forEach(m -> a.add(m.toJSON(json)));
      return a;
    }
  }

  /** {@code message} is the original's field; {@code code} is stable, {@code ref} repeats the envelope's. */
  record Error(String ref, ErrorCode code, String message) implements ServerEvent {
    public String type() { return "error"; }
    public JsonObjectBuilder payload(JsonBuilderFactory json) {
      JsonObjectBuilder b = json.createObjectBuilder().add("code", code.name()).add("message", message);
      Fields.addIfPresent(b, "ref", ref);
      return b;
    }
  }

  /** Every wire type this server sends, for the docs test. */
  List<String> TYPES = List.of("connection_established", "challenge", "auth_ok", "room_created", "member_invited",
      "invite_code", "presence_update", "presence_snapshot",
      "room_join", "room_leave", "message", "message_ack", "message_status_update", "message_edit",
      "message_deleted", "message_read_receipt", "user_typing", "user_stop_typing", "wallet_connect",
      "wallet_disconnect", "notification", "history", "error");
}
