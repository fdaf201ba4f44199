package org.anonchat.realtime.connections.entity;

import java.util.List;
import org.anonchat.realtime.presence.entity.PresenceStatus;

/**
 * Everything a client may send, one record per wire {@code type}. {@code ref} is the optional top-level
 * correlation string that the server echoes on its direct reply. Records validate their own payload.
 */
public sealed interface ClientCommand {

  String ref();

  /** Wire type names, as the original client spells them. */
  List<String> TYPES = List.of("auth", "join_room", "room_join", "leave_room", "send_message",
      "message_delivered", "message_read", "mark_read", "edit_message", "delete_message", "typing",
      "stop_typing", "wallet_event", "request_presence_snapshot", "set_presence", "history", "pong");

  static ClientCommand from(String type, String ref, Payload p) {
    return switch (type) {
      case "auth" -> new Auth(ref, p.requiredString("displayName"), p.optionalString("avatarUrl"), p.optionalString("token"));
      // room_join is what the original shipped client sends for a join (seed-protocol.md 3.1).
      case "join_room", "room_join" -> new JoinRoom(ref, p.requiredId("roomId"), sinceSeq(p));
      case "leave_room" -> new LeaveRoom(ref, p.requiredId("roomId"));
      case "send_message" -> new SendMessage(ref, p.requiredId("roomId"), p.requiredString("content"), clientMessageId(p));
      case "message_delivered" -> new MessageDelivered(ref, p.requiredId("roomId"), p.requiredId("messageId"));
      case "message_read" -> new MessageRead(ref, p.requiredId("roomId"), p.requiredId("messageId"));
      case "mark_read" -> new MarkRead(ref, p.requiredId("roomId"), p.requiredIds("messageIds"));
      case "edit_message" -> new EditMessage(ref, p.requiredId("roomId"), p.requiredId("messageId"), p.requiredString("content"));
      case "delete_message" -> new DeleteMessage(ref, p.requiredId("roomId"), p.requiredId("messageId"));
      case "typing" -> new Typing(ref, p.requiredId("roomId"));
      case "stop_typing" -> new StopTyping(ref, p.requiredId("roomId"));
      case "wallet_event" -> new WalletEvent(ref, p.requiredString("action"), p.requiredString("walletAddress"));
      case "request_presence_snapshot" -> new RequestPresenceSnapshot(ref, p.optionalId("roomId"));
      case "set_presence" -> new SetPresence(ref, settableStatus(p.requiredString("status")));
      case "history" -> History.of(ref, p);
      case "pong" -> new Pong(ref);
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type: " + type);
    };
  }

  /** The original's later client calls it {@code idempotency_key}; {@code clientMessageId} wins if both are sent. */
  private static String clientMessageId(Payload p) {
    String id = p.optionalId("clientMessageId");
    return id != null ? id : p.optionalId("idempotency_key");
  }

  private static Long sinceSeq(Payload p) {
    Long since = p.optionalLong("sinceSeq");
    if (since != null && since < 0) throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "sinceSeq must be 0 or more");
    return since;
  }

  private static PresenceStatus settableStatus(String wire) {
    try {
      return PresenceStatus.settable(wire);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, e.getMessage());
    }
  }

  record Auth(String ref, String displayName, String avatarUrl, String token) implements ClientCommand {}

  /** {@code sinceSeq}: the client holds the room's messages up to this seq and wants what it missed. */
  record JoinRoom(String ref, String roomId, Long sinceSeq) implements ClientCommand {}

  record LeaveRoom(String ref, String roomId) implements ClientCommand {}

  record SendMessage(String ref, String roomId, String content, String clientMessageId) implements ClientCommand {}

  record MessageDelivered(String ref, String roomId, String messageId) implements ClientCommand {}

  record MessageRead(String ref, String roomId, String messageId) implements ClientCommand {}

  record MarkRead(String ref, String roomId, List<String> messageIds) implements ClientCommand {}

  record EditMessage(String ref, String roomId, String messageId, String content) implements ClientCommand {}

  record DeleteMessage(String ref, String roomId, String messageId) implements ClientCommand {}

  record Typing(String ref, String roomId) implements ClientCommand {}

  record StopTyping(String ref, String roomId) implements ClientCommand {}

  /** {@code action} "connect" announces a wallet; anything else, as in the original, a disconnect. */
  record WalletEvent(String ref, String action, String walletAddress) implements ClientCommand {
    public boolean connect() {
      return "connect".equals(action);
    }
  }

  record RequestPresenceSnapshot(String ref, String roomId) implements ClientCommand {}

  record SetPresence(String ref, PresenceStatus status) implements ClientCommand {}

  record History(String ref, String roomId, Long beforeSeq, Long afterSeq, int limit) implements ClientCommand {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    static History of(String ref, Payload p) {
      Long before = p.optionalLong("beforeSeq");
      Long after = p.optionalLong("afterSeq");
      Long limit = p.optionalLong("limit");
      if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
        throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "limit must be 1.." + MAX_LIMIT);
      }
      if (before != null && after != null) {
        throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "give beforeSeq or afterSeq, not both");
      }
      return new History(ref, p.requiredId("roomId"), before, after, limit == null ? DEFAULT_LIMIT : limit.intValue());
    }
  }

  record Pong(String ref) implements ClientCommand {}
}
