package org.anonchat.realtime.rooms;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.field;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.anonchat.realtime.identity.control.StellarKeys;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** create_room, private rooms, invites by user id and by wallet, invite codes, room id rules. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PrivateRoomsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  private static String newRoom() {
    return "it-" + UUID.randomUUID();
  }

  private static JsonObject create(ChatClient owner, String roomId, boolean isPrivate) {
    owner.send("create_room", room(roomId).add("name", "Team " + roomId).add("private", isPrivate), "create");
    JsonObject created = owner.await("room_created");
    assertEquals("create", created.getString("ref"));
    return created.getJsonObject("payload");
  }

  private static String userId(ChatClient c) {
    c.send("request_presence_snapshot", payload(), "me");
    return c.await("presence_snapshot").getJsonObject("payload").getJsonArray("users").getJsonObject(0).getString("userId");
  }

  @Test
  void creatingARoomAnswersWithItsSettingsAndAnExistingIdIsRefused() throws Exception {
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      JsonObject created = create(ada, roomId, false);
      assertEquals(roomId, created.getString("roomId"));
      assertEquals("Team " + roomId, created.getString("name"));
      assertFalse(created.getBoolean("private"));
      assertEquals(userId(ada), created.getString("ownerId"));
      bob.send("create_room", room(roomId).add("private", true));
      bob.await("error", code("ROOM_EXISTS"));

      String open = newRoom();
      bob.join(open); // an open room in use cannot be claimed either
      ada.send("create_room", room(open).add("private", true));
      ada.await("error", code("ROOM_EXISTS"));

      bob.join(roomId); // a created public room is open to all
      bob.send("send_message", say(roomId, "public after all"));
      bob.await("message_ack");
    }
  }

  @Test
  void aRoomOnceJoinedOpenlyThenCreatedPrivateRefusesStrangers() throws Exception {
    // The first join finds the room undefined and the server remembers it as open (OpenRooms, decision 0034);
    // creating it private must end that, or the stranger below would walk in.
    String roomId = newRoom();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob");
        ChatClient eve = ChatClient.authenticated(base, "Eve")) {
      bob.join(roomId);
      eve.join(roomId);
      bob.send("leave_room", room(roomId));
      eve.send("leave_room", room(roomId));
      userId(bob); // answered after the leave: commands of a connection are handled in order
      userId(eve);

      JsonObject created = create(ada, roomId, true);
      assertTrue(created.getBoolean("private"));

      eve.send("join_room", room(roomId), "j-eve");
      assertEquals("j-eve", eve.await("error", code("FORBIDDEN")).getString("ref"));
      ada.join(roomId); // the owner still gets in
    }
  }

  @Test
  void aPrivateRoomRefusesStrangersUntilTheOwnerInvitesThem() throws Exception {
    String roomId = newRoom();
    try (ChatClient owner = ChatClient.authenticated(base, "Owner"); ChatClient guest = ChatClient.authenticated(base, "Guest")) {
      create(owner, roomId, true);
      owner.join(roomId);
      owner.send("send_message", say(roomId, "members only"));
      owner.await("message_ack");

      guest.send("join_room", room(roomId), "j1");
      assertEquals("j1", guest.await("error", code("FORBIDDEN")).getString("ref"));
      guest.send("history", room(roomId));
      guest.await("error", code("NOT_A_MEMBER"));
      guest.send("send_message", say(roomId, "let me in"));
      guest.await("error", code("NOT_A_MEMBER"));
      guest.send("invite", room(roomId).add("userId", userId(guest)));
      guest.await("error", code("FORBIDDEN")); // only the owner invites

      String guestId = userId(guest);
      owner.send("invite", room(roomId).add("userId", guestId), "i1");
      JsonObject invited = owner.await("member_invited");
      assertEquals("i1", invited.getString("ref"));
      assertEquals(guestId, invited.getJsonObject("payload").getString("userId"));
      assertTrue(invited.getJsonObject("payload").isNull("walletAddress"));

      guest.join(roomId);
      guest.send("history", room(roomId));
      assertEquals(1, guest.await("history").getJsonObject("payload").getJsonArray("messages").size());
    }
  }

  @Test
  void anInviteByWalletAdmitsWhoeverLaterProvesThatWallet() throws Exception {
    String roomId = newRoom();
    StellarKeys wallet = StellarKeys.generate();
    try (ChatClient owner = ChatClient.authenticated(base, "Owner")) {
      create(owner, roomId, true);
      owner.send("invite", room(roomId).add("walletAddress", wallet.accountId()));
      JsonObject invited = owner.await("member_invited").getJsonObject("payload");
      assertEquals(wallet.accountId(), invited.getString("walletAddress"));
      owner.send("invite", room(roomId).add("walletAddress", "GNOTAWALLET"));
      owner.await("error", code("INVALID_PAYLOAD"));

      try (ChatClient impostor = ChatClient.connect(base); ChatClient holder = ChatClient.connect(base)) {
        impostor.send("auth", payload().add("displayName", "Holder").add("walletAddress", wallet.accountId()));
        impostor.await("auth_ok");
        impostor.send("join_room", room(roomId));
        impostor.await("error", code("FORBIDDEN"));

        holder.send("auth", payload().add("displayName", "Holder").add("walletAddress", wallet.accountId())
            .add("signature", wallet.signSep53Base64(holder.challenge())));
        assertEquals(invited.getString("userId"), holder.await("auth_ok").getJsonObject("payload").getString("userId"));
        holder.join(roomId);
      }
    }
  }

  @Test
  void anInviteCodeAdmitsForGoodUntilItExpiresAndOnlyForItsRoom() throws Exception {
    String roomId = newRoom();
    String otherRoom = newRoom();
    try (ChatClient owner = ChatClient.authenticated(base, "Owner"); ChatClient guest = ChatClient.authenticated(base, "Guest")) {
      create(owner, roomId, true);
      create(owner, otherRoom, true);
      owner.send("create_invite", room(roomId), "code");
      JsonObject invite = owner.await("invite_code");
      assertEquals("code", invite.getString("ref"));
      String code = invite.getJsonObject("payload").getString("inviteCode");
      assertTrue(invite.getJsonObject("payload").getJsonNumber("expiresAt").longValue() > System.currentTimeMillis() + 3_600_000L);

      guest.send("join_room", room(otherRoom).add("inviteCode", code));
      guest.await("error", code("FORBIDDEN"));
      guest.send("join_room", room(roomId).add("inviteCode", "made-up-code"));
      guest.await("error", code("FORBIDDEN"));
      guest.send("join_room", room(roomId).add("inviteCode", code));
      guest.await("room_join", inRoom(roomId));
      guest.send("leave_room", room(roomId));
      guest.send("join_room", room(roomId)); // admitted for good: no code needed any more
      guest.await("room_join", inRoom(roomId));

      guest.send("create_invite", room(roomId));
      guest.await("error", code("FORBIDDEN"));
      owner.send("create_invite", room(newRoom()));
      owner.await("error", code("NOT_FOUND"));
    }
  }

  @Test
  void roomIdsOutsideTheDocumentedRulesAreRefused() throws Exception {
    try (ChatClient c = ChatClient.authenticated(base, "Ada")) {
      c.send("join_room", room("r".repeat(65)));
      c.await("error", code("INVALID_PAYLOAD"));
      c.send("join_room", room("lobby/../admin"));
      c.await("error", code("INVALID_PAYLOAD"));
      c.send("create_room", room("has space"));
      c.await("error", code("INVALID_PAYLOAD"));
      String longest = "r".repeat(64);
      c.send("join_room", room(longest));
      c.await("room_join", inRoom(longest));
      c.assertNone("error", field("code", "INTERNAL"), Duration.ZERO);
    }
  }
}
