package org.anonchat.realtime.messages;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.field;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Identity, rooms, messages, history, receipts, edits and deletes, spoken over real sockets. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagingIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  private static String newRoom() {
    return "it-" + UUID.randomUUID();
  }


  @Test
  void identityIsIssuedByTheServerAndIgnoresAClaimedUserId() throws Exception {
    try (ChatClient c = ChatClient.connect(base)) {
      c.send("auth", payload().add("displayName", "Mallory").add("userId", "u-alice").add("walletAddress", "GABC"), "r1");
      JsonObject ok = c.await("auth_ok");
      assertEquals("r1", ok.getString("ref"));
      String userId = ok.getJsonObject("payload").getString("userId");
      assertNotEquals("u-alice", userId);
      assertTrue(userId.startsWith("u-"));
      assertEquals("Mallory", ok.getJsonObject("payload").getString("displayName"));
      assertFalse(ok.getJsonObject("payload").getString("token").isBlank());
      c.await("presence_snapshot");
    }
  }

  @Test
  void aTokenRestoresTheSameIdentityAndAForgedOneDoesNot() throws Exception {
    String userId;
    String token;
    try (ChatClient first = ChatClient.connect(base)) {
      first.send("auth", payload().add("displayName", "Ada"));
      JsonObject ok = first.await("auth_ok").getJsonObject("payload");
      userId = ok.getString("userId");
      token = ok.getString("token");
    }
    try (ChatClient again = ChatClient.connect(base)) {
      again.send("auth", payload().add("displayName", "Ada L.").add("token", token));
      JsonObject ok = again.await("auth_ok").getJsonObject("payload");
      assertEquals(userId, ok.getString("userId"));
      assertEquals("Ada L.", ok.getString("displayName"));
      String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
      again.send("auth", payload().add("displayName", "Eve").add("token", forged));
      assertNotEquals(userId, again.await("auth_ok").getJsonObject("payload").getString("userId"));
    }
  }

  @Test
  void aMessageIsAcknowledgedAfterStorageAndReachesEveryMemberWithConsecutiveSeqs() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      ada.join(roomId);
      bob.join(roomId);
      ada.await("room_join", field("displayName", "Bob"));
      for (int i = 1; i <= 3; i++) {
        ada.send("send_message", say(roomId, "hello <b>" + i + "</b> & 'bye'").add("clientMessageId", "c" + i), "ref" + i);
        JsonObject ack = ada.await("message_ack");
        assertEquals("ref" + i, ack.getString("ref"));
        JsonObject a = ack.getJsonObject("payload");
        assertEquals("c" + i, a.getString("clientMessageId"));
        assertEquals("sent", a.getString("status"));
        assertEquals(i, a.getJsonNumber("seq").longValue());
        JsonObject atBob = bob.await("message", field("clientMessageId", "c" + i)).getJsonObject("payload");
        JsonObject atAda = ada.await("message", field("clientMessageId", "c" + i)).getJsonObject("payload");
        assertEquals(atBob, atAda, "one encoding for every member");
        assertEquals(a.getString("messageId"), atBob.getString("id"));
        assertEquals(i, atBob.getJsonNumber("seq").longValue());
        assertEquals("hello <b>" + i + "</b> & 'bye'", atBob.getString("content"), "stored and sent as written");
        assertEquals("Ada", atBob.getString("displayName"));
        assertEquals(roomId, atBob.getString("roomId"));
        assertTrue(atBob.isNull("avatarUrl"));
        assertTrue(atBob.getJsonNumber("createdAt").longValue() > 0);
      }
    }
  }

  @Test
  void concurrentSendersGetGapFreeSeqsDeliveredInOrder() throws Exception {
    String roomId = newRoom();
    int senders = 4;
    int each = 10; // within the default burst (10) of the per-connection and per-user message limits
    ChatClient[] clients = new ChatClient[senders];
    try (ChatClient reader = ChatClient.authenticated(base, "Reader")) {
      reader.join(roomId);
      for (int s = 0; s < senders; s++) {
        clients[s] = ChatClient.authenticated(base, "Sender" + s);
        clients[s].join(roomId);
      }
      Thread[] threads = new Thread[senders];
      for (int s = 0; s < senders; s++) {
        ChatClient client = clients[s];
        String tag = "s" + s;
        threads[s] = new Thread(() -> {
          for (int i = 0; i < each; i++) client.send("send_message", say(roomId, tag + "-" + i).add("clientMessageId", tag + "-" + i));
        });
        threads[s].start();
      }
      for (Thread t : threads) t.join(10_000);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (long expected = 1; expected <= (long) senders * each; expected++) {
        JsonObject m = reader.await("message").getJsonObject("payload");
        assertEquals(expected, m.getJsonNumber("seq").longValue(), "arrival order is seq order, without gaps");
        assertTrue(seen.add(m.getString("clientMessageId")), "each message once");
      }
      for (ChatClient client : clients) {
        for (int i = 0; i < each; i++) assertEquals("sent", client.await("message_ack").getJsonObject("payload").getString("status"));
      }
    } finally {
      for (ChatClient c : clients) if (c != null) c.close();
    }
  }

  @Test
  void theOriginalClientsRoomJoinJoinsAndItsRetryIsNotStoredTwice() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada")) {
      ada.send("room_join", room(roomId));
      ada.await("room_join", inRoom(roomId));
      ada.send("send_message", say(roomId, "once").add("clientMessageId", "dup-1"));
      JsonObject first = ada.await("message_ack").getJsonObject("payload");
      ada.await("message", field("clientMessageId", "dup-1"));
      ada.send("send_message", say(roomId, "once").add("clientMessageId", "dup-1"));
      JsonObject second = ada.await("message_ack").getJsonObject("payload");
      assertEquals(first.getString("messageId"), second.getString("messageId"));
      assertTrue(second.getBoolean("duplicate"));
      ada.assertNone("message", field("clientMessageId", "dup-1"), Duration.ofMillis(500));
      ada.send("history", room(roomId));
      assertEquals(1, ada.await("history").getJsonObject("payload").getJsonArray("messages").size());
    }
  }

  @Test
  void onlyMembersMaySendReadHistoryOrType() throws Exception {
    String roomId = newRoom();
    try (ChatClient outsider = ChatClient.authenticated(base, "Out")) {
      outsider.send("send_message", say(roomId, "sneaky"), "s");
      JsonObject error = outsider.await("error", code("NOT_A_MEMBER"));
      assertEquals("s", error.getString("ref"));
      assertEquals("s", error.getJsonObject("payload").getString("ref"));
      outsider.send("history", room(roomId));
      outsider.await("error", code("NOT_A_MEMBER"));
      outsider.send("typing", room(roomId));
      outsider.await("error", code("NOT_A_MEMBER"));
      outsider.send("leave_room", room(roomId));
      outsider.await("error", code("NOT_A_MEMBER"));
    }
  }

  @Test
  void contentMustBeOneTo2000CharactersAfterTrimming() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada")) {
      ada.join(roomId);
      ada.send("send_message", say(roomId, "   \n\t "));
      ada.await("error", code("INVALID_PAYLOAD"));
      ada.send("send_message", say(roomId, "x".repeat(2001)));
      ada.await("error", code("TOO_LARGE"));
      ada.send("send_message", say(roomId, "  " + "y".repeat(2000) + "  "));
      JsonObject stored = ada.await("message").getJsonObject("payload");
      assertEquals("  " + "y".repeat(2000) + "  ", stored.getString("content"));
    }
  }

  @Test
  void historyPagesBackwardAndForwardInSeqOrder() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada")) {
      ada.join(roomId);
      for (int i = 1; i <= 7; i++) {
        ada.send("send_message", say(roomId, "m" + i));
        ada.await("message_ack");
      }
      ada.send("history", room(roomId).add("limit", 3), "h1");
      JsonObject latest = ada.await("history").getJsonObject("payload");
      assertSeqs(latest.getJsonArray("messages"), 5, 6, 7);
      assertTrue(latest.getBoolean("hasMore"));
      ada.send("history", room(roomId).add("limit", 3).add("beforeSeq", 5));
      JsonObject older = ada.await("history").getJsonObject("payload");
      assertSeqs(older.getJsonArray("messages"), 2, 3, 4);
      assertTrue(older.getBoolean("hasMore"));
      ada.send("history", room(roomId).add("limit", 3).add("beforeSeq", 2));
      JsonObject oldest = ada.await("history").getJsonObject("payload");
      assertSeqs(oldest.getJsonArray("messages"), 1);
      assertFalse(oldest.getBoolean("hasMore"));
      ada.send("history", room(roomId).add("afterSeq", 5));
      JsonObject newer = ada.await("history").getJsonObject("payload");
      assertSeqs(newer.getJsonArray("messages"), 6, 7);
      assertFalse(newer.getBoolean("hasMore"));
      ada.send("history", room(roomId).add("limit", 101));
      ada.await("error", code("INVALID_PAYLOAD"));
    }
  }

  private static void assertSeqs(JsonArray messages, long... seqs) {
    assertEquals(seqs.length, messages.size(), messages.toString());
    for (int i = 0; i < seqs.length; i++) {
      assertEquals(seqs[i], messages.getJsonObject(i).getJsonNumber("seq").longValue());
    }
  }

  @Test
  void receiptsAreStoredPerRecipientAndTheAggregateFollowsEveryRecipient() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada");
        ChatClient bob = ChatClient.authenticated(base, "Bob");
        ChatClient cy = ChatClient.authenticated(base, "Cy")) {
      ada.join(roomId);
      String bobId = bob.join(roomId);
      cy.join(roomId);
      ada.send("send_message", say(roomId, "status?"));
      String id = ada.await("message_ack").getJsonObject("payload").getString("messageId");

      bob.send("message_delivered", room(roomId).add("messageId", id));
      JsonObject update = ada.await("message_status_update", field("status", "delivered")).getJsonObject("payload");
      assertEquals(bobId, update.getString("userId"));
      assertEquals("sent", update.getString("messageStatus"), "Cy has not got it yet");

      cy.send("message_read", room(roomId).add("messageId", id));
      ada.await("message_status_update", field("status", "delivered").and(field("messageStatus", "delivered")));
      ada.await("message_read_receipt", field("messageId", id).and(field("displayName", "Cy")));

      bob.send("mark_read", room(roomId).add("messageIds", Json.createArrayBuilder().add(id)));
      ada.await("message_status_update", field("status", "read").and(field("messageStatus", "read")));

      bob.send("message_delivered", room(roomId).add("messageId", "no-such-message"));
      bob.await("error", code("NOT_FOUND"));
      ada.send("history", room(roomId));
      JsonObject stored = ada.await("history").getJsonObject("payload").getJsonArray("messages").getJsonObject(0);
      assertEquals("read", stored.getString("status"), "receipts were stored, not just relayed");
    }
  }

  @Test
  void onlyTheAuthorEditsWithinTheWindowAndDeletes() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      ada.join(roomId);
      bob.join(roomId);
      ada.send("send_message", say(roomId, "typo"));
      String id = ada.await("message_ack").getJsonObject("payload").getString("messageId");

      bob.send("edit_message", room(roomId).add("messageId", id).add("content", "hijack"));
      bob.await("error", code("FORBIDDEN"));
      ada.send("edit_message", room(roomId).add("messageId", id).add("content", "fixed"));
      JsonObject edit = bob.await("message_edit", field("messageId", id)).getJsonObject("payload");
      assertEquals("fixed", edit.getString("content"));
      assertTrue(edit.getJsonNumber("editedAt").longValue() > 0);

      bob.send("delete_message", room(roomId).add("messageId", id));
      bob.await("error", code("FORBIDDEN"));
      ada.send("delete_message", room(roomId).add("messageId", id));
      bob.await("message_deleted", field("messageId", id));
      ada.send("edit_message", room(roomId).add("messageId", id).add("content", "again"));
      ada.await("error", code("NOT_FOUND"));
      ada.send("history", room(roomId));
      JsonObject stored = ada.await("history").getJsonObject("payload").getJsonArray("messages").getJsonObject(0);
      assertTrue(stored.getBoolean("deleted"));
      assertEquals("", stored.getString("content"));
    }
  }

  @Test
  void editsAreRefusedOnceTheWindowHasClosed() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada")) {
      ada.join(roomId);
      ada.send("send_message", say(roomId, "old"));
      JsonObject ack = ada.await("message_ack").getJsonObject("payload");
      long sentAt = System.currentTimeMillis();
      String id = ack.getString("messageId");
      // The ITs run with chat.messages.edit-window-ms=4000: wait until the window is certainly over.
      ada.assertNone("message_edit", p -> true, Duration.ofMillis(Math.max(0, 4500 - (System.currentTimeMillis() - sentAt))));
      ada.send("edit_message", room(roomId).add("messageId", id).add("content", "late"));
      ada.await("error", code("EDIT_WINDOW_CLOSED"));
    }
  }
}
