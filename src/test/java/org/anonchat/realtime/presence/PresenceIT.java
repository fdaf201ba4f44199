package org.anonchat.realtime.presence;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.field;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.anonchat.realtime.connections.boundary.Notifications;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.anonchat.realtime.support.RawPeer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence, typing, grace periods and notifications. The ITs run with a 1.5 s presence grace and a
 * 1.5 s typing timeout (failsafe's chat.it.options), so "after the grace period" is a short wait.
 */
@ExtendWith(ArquillianExtension.class)
class PresenceIT {

  private static final Duration GRACE_AND_MARGIN = Duration.ofMillis(1500 + 1500);

  @Deployment
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Inject
  Notifications notifications;

  @Inject
  org.anonchat.realtime.presence.control.Presence presence;

  @Inject
  org.anonchat.realtime.rooms.control.Rooms rooms;

  private static String newRoom() {
    return "it-" + UUID.randomUUID();
  }


  @Test
  @RunAsClient
  void presenceGoesOnlyToUsersSharingARoom() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada");
        ChatClient bob = ChatClient.authenticated(base, "Bob");
        ChatClient stranger = ChatClient.authenticated(base, "Stranger")) {
      ada.join(roomId);
      String bobId = bob.join(roomId);
      bob.send("set_presence", payload().add("status", "away"));
      JsonObject away = ada.await("presence_update", field("userId", bobId)).getJsonObject("payload");
      assertEquals("away", away.getString("status"));
      assertEquals("Bob", away.getString("displayName"));
      stranger.assertNone("presence_update", field("userId", bobId), Duration.ofMillis(500));

      stranger.send("request_presence_snapshot", payload(), "p1");
      JsonObject snapshot = stranger.await("presence_snapshot");
      assertEquals("p1", snapshot.getString("ref"));
      Set<String> listed = new HashSet<>();
      snapshot.getJsonObject("payload").getJsonArray("users").forEach(u -> listed.add(u.asJsonObject().getString("userId")));
      assertTrue(!listed.contains(bobId), "a stranger learns nothing about Bob: " + listed);

      ada.send("request_presence_snapshot", room(roomId));
      JsonObject inRoom = ada.await("presence_snapshot", field("roomId", roomId)).getJsonObject("payload");
      assertEquals(2, inRoom.getJsonArray("users").size());
      stranger.send("request_presence_snapshot", room(roomId));
      stranger.await("error", code("NOT_A_MEMBER"));
    }
  }

  @Test
  @RunAsClient
  void aReconnectInsideTheGracePeriodShowsNothingAndLeavingForGoodDoes() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada")) {
      ada.join(roomId);
      String token;
      String bobId;
      ChatClient bob = ChatClient.connect(base);
      bob.send("auth", payload().add("displayName", "Bob"));
      JsonObject ok = bob.await("auth_ok").getJsonObject("payload");
      token = ok.getString("token");
      bobId = bob.join(roomId);
      ada.await("room_join", field("userId", bobId));
      bob.abort(); // network drop, no close handshake

      try (ChatClient bobAgain = ChatClient.connect(base)) {
        bobAgain.send("auth", payload().add("displayName", "Bob").add("token", token));
        assertEquals(bobId, bobAgain.await("auth_ok").getJsonObject("payload").getString("userId"));
        bobAgain.send("join_room", room(roomId));
        bobAgain.await("room_join", inRoom(roomId));
        ada.assertNone("presence_update", field("userId", bobId), GRACE_AND_MARGIN);
        ada.assertNone("room_leave", field("userId", bobId), Duration.ZERO);
        ada.assertNone("room_join", field("userId", bobId), Duration.ZERO);
      }
      JsonObject offline = ada.await("presence_update", field("userId", bobId)).getJsonObject("payload");
      assertEquals("offline", offline.getString("status"));
      ada.await("room_leave", field("userId", bobId).and(inRoom(roomId)));
    }
  }

  @Test
  @RunAsClient
  void aMemberWhoseOnlyTabInTheRoomClosedLeavesAfterTheGraceWhileStayingOnline() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada");
        ChatClient cy = ChatClient.authenticated(base, "Cy");
        ChatClient bobLobby = ChatClient.connect(base)) {
      ada.join(roomId);
      cy.join(roomId);
      ChatClient bobRoomTab = ChatClient.connect(base);
      bobRoomTab.send("auth", payload().add("displayName", "Bob"));
      String token = bobRoomTab.await("auth_ok").getJsonObject("payload").getString("token");
      String bobId = bobRoomTab.join(roomId);
      ada.await("room_join", field("userId", bobId));
      bobLobby.send("auth", payload().add("displayName", "Bob").add("token", token));
      bobLobby.await("auth_ok");
      bobRoomTab.close();

      ada.await("room_leave", field("userId", bobId).and(inRoom(roomId)), GRACE_AND_MARGIN.plusSeconds(2));
      ada.assertNone("presence_update", field("userId", bobId).and(field("status", "offline")), Duration.ZERO);
      ada.send("send_message", room(roomId).add("content", "who is here?"));
      String id = ada.await("message_ack").getJsonObject("payload").getString("messageId");
      cy.send("message_delivered", room(roomId).add("messageId", id));
      ada.await("message_status_update", field("messageId", id).and(field("messageStatus", "delivered")));
    }
  }

  @Test
  @RunAsClient
  void reAuthAsTheSameUserUnderANewNameKeepsTheRoomsAndTellsRoomMates() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.connect(base)) {
      ada.join(roomId);
      bob.send("auth", payload().add("displayName", "Bob"));
      String token = bob.await("auth_ok").getJsonObject("payload").getString("token");
      String bobId = bob.join(roomId);
      bob.send("auth", payload().add("displayName", "Robert").add("token", token));
      assertEquals(bobId, bob.await("auth_ok").getJsonObject("payload").getString("userId"));
      JsonObject renamed = ada.await("presence_update", field("userId", bobId)).getJsonObject("payload");
      assertEquals("Robert", renamed.getString("displayName"));
      assertEquals("online", renamed.getString("status"));
      bob.send("send_message", room(roomId).add("content", "new name, same seat"));
      assertEquals("Robert", ada.await("message").getJsonObject("payload").getString("displayName"));
      ada.assertNone("room_leave", field("userId", bobId), Duration.ZERO);
    }
  }

  /** Runs in the server, to see the presence registry itself forget the first identity. */
  @Test
  void reAuthAsSomeoneElseLeavesNoGhost() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient shifty = ChatClient.authenticated(base, "First")) {
      ada.join(roomId);
      String firstId = shifty.join(roomId);
      shifty.send("auth", payload().add("displayName", "Second"));
      String secondId = shifty.await("auth_ok").getJsonObject("payload").getString("userId");
      assertTrue(!secondId.equals(firstId));
      ada.await("room_leave", field("userId", firstId));
      shifty.send("send_message", room(roomId).add("content", "as whom?"));
      shifty.await("error", code("NOT_A_MEMBER"));
      long deadline = System.nanoTime() + GRACE_AND_MARGIN.toNanos();
      while (!presence.presenceOf(Set.of(firstId)).isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "the first identity is still present after the grace period");
        ada.assertNone("presence_update", field("userId", firstId), Duration.ofMillis(100));
      }
      assertEquals(1, presence.presenceOf(Set.of(secondId)).size(), "the new identity is online");
    }
  }

  @Test
  @RunAsClient
  void typingExpiresAndStopsWhenTheTyperDisconnects() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      ada.join(roomId);
      String bobId = bob.join(roomId);
      bob.send("typing", room(roomId));
      JsonObject typing = ada.await("user_typing", field("userId", bobId)).getJsonObject("payload");
      assertEquals("Bob", typing.getString("displayName"));
      long started = System.nanoTime();
      ada.await("user_stop_typing", field("userId", bobId), Duration.ofSeconds(5));
      assertTrue(System.nanoTime() - started >= Duration.ofMillis(1000).toNanos(), "not before the timeout");

      bob.send("typing", room(roomId));
      ada.await("user_typing", field("userId", bobId));
      bob.send("stop_typing", room(roomId));
      ada.await("user_stop_typing", field("userId", bobId), Duration.ofMillis(1000));

      bob.send("typing", room(roomId));
      ada.await("user_typing", field("userId", bobId));
      bob.abort();
      ada.await("user_stop_typing", field("userId", bobId), Duration.ofMillis(1000));
    }
  }

  /** In the server: the room itself is gone from memory once its last member left, its messages are not. */
  @Test
  void aRoomWithoutMembersIsDroppedFromMemoryButKeepsItsMessages() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      ada.join(roomId);
      String bobId = bob.join(roomId);
      ada.await("room_join", field("userId", bobId));
      bob.send("typing", room(roomId));
      ada.await("user_typing", field("userId", bobId));
      bob.send("leave_room", room(roomId));
      ada.await("room_leave", field("userId", bobId));
      ada.await("user_stop_typing", field("userId", bobId), Duration.ofMillis(1000));
      ada.send("send_message", room(roomId).add("content", "last words"));
      ada.await("message_ack");
      assertTrue(rooms.isOpen(roomId));
      ada.send("leave_room", room(roomId));
      ada.send("history", room(roomId)); // frames of one socket are handled in order: this answers after the leave
      ada.await("error", code("NOT_A_MEMBER"));
      assertFalse(rooms.isOpen(roomId), "room still in memory");
      ada.join(roomId);
      ada.send("history", room(roomId));
      assertEquals("last words", ada.await("history").getJsonObject("payload").getJsonArray("messages")
          .getJsonObject(0).getString("content"));
    }
  }

  @Test
  @RunAsClient
  void walletAnnouncementsNeedAProvenWallet() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      ada.join(roomId);
      bob.join(roomId);
      bob.send("wallet_event", payload().add("action", "connect").add("walletAddress", "GFAKE"), "w");
      assertEquals("w", bob.await("error", code("FORBIDDEN")).getString("ref"));
      ada.assertNone("wallet_connect", p -> true, Duration.ofMillis(300));
    }
  }

  @Test
  @RunAsClient
  void aPeerThatStopsAnsweringPingsIsClosedAndCleanedUp() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada");
        RawPeer silent = RawPeer.connect(ChatClient.wsUri(base))) {
      ada.join(roomId);
      silent.sendText(Json.createObjectBuilder().add("type", "auth")
          .add("payload", payload().add("displayName", "Ghost")).add("timestamp", 0).build().toString());
      silent.sendText(Json.createObjectBuilder().add("type", "join_room")
          .add("payload", room(roomId)).add("timestamp", 0).build().toString());
      String ghostId = ada.await("room_join", field("displayName", "Ghost")).getJsonObject("payload").getString("userId");
      // Heartbeat for ITs: ping every 1 s, give up after 6 s of silence (pom.xml, chat.it.options).
      RawPeer.Outcome outcome = silent.readUntilClosed(Duration.ofSeconds(20));
      assertTrue(outcome.pings() >= 1, "the server pinged: " + outcome);
      assertEquals(1001, outcome.closeCode(), "closed for the timeout: " + outcome);
      ada.await("room_leave", field("userId", ghostId), GRACE_AND_MARGIN.plusSeconds(2));
    }
  }

  @Test
  void serverCodeReachesEveryConnectionOfAUser() throws Exception {
    try (ChatClient tab1 = ChatClient.connect(base); ChatClient tab2 = ChatClient.connect(base)) {
      tab1.send("auth", payload().add("displayName", "Ada"));
      JsonObject ok = tab1.await("auth_ok").getJsonObject("payload");
      tab2.send("auth", payload().add("displayName", "Ada").add("token", ok.getString("token")));
      tab2.await("auth_ok");
      int reached = notifications.notify(ok.getString("userId"), Json.createObjectBuilder().add("kind", "invite").add("groupId", "g1").build());
      assertEquals(2, reached);
      assertEquals("g1", tab1.await("notification").getJsonObject("payload").getString("groupId"));
      assertEquals("invite", tab2.await("notification").getJsonObject("payload").getString("kind"));
      assertEquals(0, notifications.notify("u-nobody", Json.createObjectBuilder().build()));
    }
  }
}
