package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.MessageView;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.connections.entity.ServerEvent.UserPresence;
import org.junit.jupiter.api.Test;

/** Server events on the wire: {@code {type, payload, timestamp}}, plus {@code ref} on direct replies. */
class WireEncodeTest {

  static final long NOW = 1_700_000_000_123L;

  static JsonObject encoded(ServerEvent event) {
    return Wire.parseObject(Wire.encode(event, NOW));
  }

  static MessageView message(String avatarUrl, String content, String clientMessageId) {
    return new MessageView("m-1", 7, "lobby", "u-1", "Ann", avatarUrl, content, 1_700_000_000_000L,
        clientMessageId, null, false, "sent", null);
  }

  @Test
  void writesTheEnvelopeWithTheGivenTimestamp() {
    JsonObject frame = encoded(new ServerEvent.ConnectionEstablished("c-1", "nonce-1", 1L));
    assertEquals(Set.of("type", "payload", "timestamp"), frame.keySet());
    assertEquals("connection_established", frame.getString("type"));
    assertEquals(NOW, frame.getJsonNumber("timestamp").longValueExact());
    assertEquals("c-1", frame.getJsonObject("payload").getString("clientId"));
    assertEquals("nonce-1", frame.getJsonObject("payload").getString("challenge"));
  }

  @Test
  void writesEveryOriginalMessageFieldPlusSeqAndStatus() {
    JsonObject frame = encoded(new ServerEvent.Message(message("https://a/x.png", "hi", "c7")));
    JsonObject p = frame.getJsonObject("payload");
    assertEquals("message", frame.getString("type"));
    assertFalse(frame.containsKey("ref"));
    assertEquals("m-1", p.getString("id"));
    assertEquals("lobby", p.getString("roomId"));
    assertEquals("u-1", p.getString("userId"));
    assertEquals("Ann", p.getString("displayName"));
    assertEquals("https://a/x.png", p.getString("avatarUrl"));
    assertEquals("hi", p.getString("content"));
    assertEquals(1_700_000_000_000L, p.getJsonNumber("createdAt").longValueExact());
    assertEquals("c7", p.getString("clientMessageId"));
    assertEquals(7, p.getJsonNumber("seq").longValueExact());
    assertEquals("sent", p.getString("status"));
    assertFalse(p.containsKey("editedAt"));
    assertFalse(p.containsKey("deleted"));
  }

  @Test
  void writesNullForAnAbsentAvatarAndClientMessageId() {
    JsonObject p = encoded(new ServerEvent.Message(message(null, "hi", null))).getJsonObject("payload");
    assertTrue(p.isNull("avatarUrl"));
    assertTrue(p.isNull("clientMessageId"));
  }

  @Test
  void keepsMarkupAndQuotesInContentUnescaped() {
    String content = "<script>alert(\"x\")</script> & 'q' </b>";
    String text = Wire.encode(new ServerEvent.Message(message(null, content, null)), NOW);
    assertEquals(content, Wire.parseObject(text).getJsonObject("payload").getString("content"));
    assertTrue(text.contains("<script>"), text);
    assertFalse(text.contains("&lt;") || text.contains("&amp;") || text.contains("&#"), text);
  }

  @Test
  void writesMessageAckWithItsRef() {
    JsonObject frame = encoded(new ServerEvent.MessageAck("r2", "c7", "m-1", 7, "sent", false));
    JsonObject p = frame.getJsonObject("payload");
    assertEquals("message_ack", frame.getString("type"));
    assertEquals("r2", frame.getString("ref"));
    assertEquals("c7", p.getString("clientMessageId"));
    assertEquals("m-1", p.getString("messageId"));
    assertEquals(7, p.getJsonNumber("seq").longValueExact());
    assertEquals("sent", p.getString("status"));
    assertFalse(p.getBoolean("duplicate"));
  }

  @Test
  void writesMessageAckWithoutRefOrClientMessageId() {
    JsonObject frame = encoded(new ServerEvent.MessageAck(null, null, "m-1", 1, "sent", true));
    assertFalse(frame.containsKey("ref"));
    assertTrue(frame.getJsonObject("payload").isNull("clientMessageId"));
    assertTrue(frame.getJsonObject("payload").getBoolean("duplicate"));
  }

  @Test
  void writesErrorWithCodeMessageAndRef() {
    JsonObject frame = encoded(new ServerEvent.Error("r3", ErrorCode.NOT_A_MEMBER, "join lobby first"));
    JsonObject p = frame.getJsonObject("payload");
    assertEquals("error", frame.getString("type"));
    assertEquals("r3", frame.getString("ref"));
    assertEquals("NOT_A_MEMBER", p.getString("code"));
    assertEquals("join lobby first", p.getString("message"));
    assertEquals("r3", p.getString("ref"));
  }

  @Test
  void writesErrorWithoutRefWhenTheFrameHadNone() {
    JsonObject frame = encoded(new ServerEvent.Error(null, ErrorCode.INVALID_JSON, "frame is not valid JSON"));
    assertFalse(frame.containsKey("ref"));
    assertFalse(frame.getJsonObject("payload").containsKey("ref"));
  }

  @Test
  void answersARejectedFrameWithAnErrorCarryingItsRef() {
    ProtocolException rejected = assertThrows(ProtocolException.class,
        () -> Wire.decode("{\"type\":\"join_room\",\"ref\":\"r4\",\"payload\":{}}"));
    JsonObject frame = Wire.parseObject(Wire.encode(rejected));
    assertEquals("error", frame.getString("type"));
    assertEquals("r4", frame.getString("ref"));
    assertEquals("INVALID_PAYLOAD", frame.getJsonObject("payload").getString("code"));
    assertEquals("r4", frame.getJsonObject("payload").getString("ref"));
  }

  @Test
  void writesHistoryInTheGivenOrder() {
    MessageView first = message(null, "one", null);
    MessageView second = new MessageView("m-2", 8, "lobby", "u-2", "Bob", null, "two", 1_700_000_000_500L, null,
        1_700_000_000_900L, false, "delivered", null);
    JsonObject frame = encoded(new ServerEvent.History("r5", "lobby", List.of(first, second), true));
    JsonObject p = frame.getJsonObject("payload");
    JsonArray messages = p.getJsonArray("messages");
    assertEquals("history", frame.getString("type"));
    assertEquals("r5", frame.getString("ref"));
    assertEquals("lobby", p.getString("roomId"));
    assertTrue(p.getBoolean("hasMore"));
    assertEquals(List.of("m-1", "m-2"), messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList());
    assertEquals(1_700_000_000_900L, messages.getJsonObject(1).getJsonNumber("editedAt").longValueExact());
  }

  @Test
  void writesAnEmptyHistory() {
    JsonObject p = encoded(new ServerEvent.History(null, "lobby", List.of(), false)).getJsonObject("payload");
    assertTrue(p.getJsonArray("messages").isEmpty());
    assertFalse(p.getBoolean("hasMore"));
  }

  @Test
  void writesPresenceSnapshotUsers() {
    UserPresence ann = new UserPresence("u-1", "Ann", null, "online", 1_700_000_000_000L);
    UserPresence bob = new UserPresence("u-2", "Bob", "GABC", "away", 1_700_000_000_001L);
    JsonObject frame = encoded(new ServerEvent.PresenceSnapshot("r6", "lobby", List.of(ann, bob)));
    JsonObject p = frame.getJsonObject("payload");
    JsonObject first = p.getJsonArray("users").getJsonObject(0);
    assertEquals("presence_snapshot", frame.getString("type"));
    assertEquals("r6", frame.getString("ref"));
    assertEquals("lobby", p.getString("roomId"));
    assertEquals(2, p.getJsonArray("users").size());
    assertEquals("u-1", first.getString("userId"));
    assertEquals("Ann", first.getString("displayName"));
    assertTrue(first.isNull("walletAddress"));
    assertEquals("online", first.getString("status"));
    assertEquals(1_700_000_000_000L, first.getJsonNumber("lastSeen").longValueExact());
    assertEquals("GABC", p.getJsonArray("users").getJsonObject(1).getString("walletAddress"));
  }

  @Test
  void writesAnUnsolicitedSnapshotWithoutRefOrRoom() {
    JsonObject frame = encoded(new ServerEvent.PresenceSnapshot(null, null, List.of()));
    assertFalse(frame.containsKey("ref"));
    assertEquals(Set.of("users"), frame.getJsonObject("payload").keySet());
  }

  @Test
  void broadcastsCarryNoRef() {
    assertFalse(encoded(new ServerEvent.RoomJoin("u-1", "lobby", "Ann")).containsKey("ref"));
    assertFalse(encoded(new ServerEvent.UserStopTyping("lobby", "u-1")).containsKey("ref"));
    assertFalse(encoded(new ServerEvent.PresenceUpdate(new UserPresence("u-1", "Ann", null, "offline", 1))).containsKey("ref"));
  }
}
