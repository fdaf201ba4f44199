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
  List<String> TYPES = List.of("auth", "request_challenge", "create_room", "invite", "create_invite", "join_room", "room_join", "leave_room", "send_message",
      "message_delivered", "message_read", "mark_read", "edit_message", "delete_message", "typing",
      "stop_typing", "wallet_event", "request_presence_snapshot", "set_presence", "history", "pong");

  static ClientCommand from(String type, String ref, Payload p) {
    return switch (type) {
      case "auth" -> Auth.of(ref, p);
      case "request_challenge" -> new RequestChallenge(ref);
      case "create_room" -> new CreateRoom(ref, p.requiredRoomId("roomId"), p.optionalString("name"), p.optionalBoolean("private"));
      case "invite" -> Invite.of(ref, p);
      case "create_invite" -> new CreateInvite(ref, p.requiredRoomId("roomId"));
      // room_join is what the original shipped client sends for a join (seed-protocol.md 3.1).
      case "join_room", "room_join" -> new JoinRoom(ref, p.requiredRoomId("roomId"), p.optionalId("inviteCode"), sinceSeq(p));
      case "leave_room" -> new LeaveRoom(ref, p.requiredRoomId("roomId"));
      case "send_message" -> new SendMessage(ref, p.requiredRoomId("roomId"), p.requiredString("content"), clientMessageId(p));
      case "message_delivered" -> new MessageDelivered(ref, p.requiredRoomId("roomId"), p.requiredId("messageId"));
      case "message_read" -> new MessageRead(ref, p.requiredRoomId("roomId"), p.requiredId("messageId"));
      case "mark_read" -> new MarkRead(ref, p.requiredRoomId("roomId"), p.requiredIds("messageIds"));
      case "edit_message" -> new EditMessage(ref, p.requiredRoomId("roomId"), p.requiredId("messageId"), p.requiredString("content"));
      case "delete_message" -> new DeleteMessage(ref, p.requiredRoomId("roomId"), p.requiredId("messageId"));
      case "typing" -> new Typing(ref, p.requiredRoomId("roomId"));
      case "stop_typing" -> new StopTyping(ref, p.requiredRoomId("roomId"));
      case "wallet_event" -> new WalletEvent(ref, p.requiredString("action"), p.requiredString("walletAddress"));
      case "request_presence_snapshot" -> new RequestPresenceSnapshot(ref, p.optionalRoomId("roomId"));
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

  /**
   * {@code walletAddress} counts only together with {@code signature} (the proof); without one it is ignored,
   * as the original client sends it unproven.
   */
  record Auth(String ref, String displayName, String avatarUrl, String token, String walletAddress, String signature)
      implements ClientCommand {

    static Auth of(String ref, Payload p) {
      String signature = p.optionalString("signature");
      String wallet = signature == null ? null : p.requiredString("walletAddress");
      return new Auth(ref, p.requiredString("displayName"), p.optionalString("avatarUrl"), p.optionalString("token"),
          wallet, signature);
    }

    public boolean provesWallet() {
      return signature != null;
    }
  }

  record RequestChallenge(String ref) implements ClientCommand {}

  /** {@code isPrivate} is the wire's {@code private}; null means false. */
  record CreateRoom(String ref, String roomId, String name, Boolean isPrivate) implements ClientCommand {}

  /** Exactly one of {@code userId} and {@code walletAddress}. */
  record Invite(String ref, String roomId, String userId, String walletAddress) implements ClientCommand {

    static Invite of(String ref, Payload p) {
      String userId = p.optionalId("userId");
      String wallet = p.optionalString("walletAddress");
      if ((userId == null) == (wallet == null)) {
        throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "give userId or walletAddress (one of them)");
      }
      return new Invite(ref, p.requiredRoomId("roomId"), userId, wallet);
    }
  }

  record CreateInvite(String ref, String roomId) implements ClientCommand {}

  /**
   * {@code inviteCode} (optional) admits the user to a private room it was made for; {@code sinceSeq}
   * (optional): the client holds the room's messages up to this seq and wants what it missed.
   */
  record JoinRoom(String ref, String roomId, String inviteCode, Long sinceSeq) implements ClientCommand {}

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
