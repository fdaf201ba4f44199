package org.anonchat.realtime.connections.boundary;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Bad frames get a coded error on that connection only; it stays usable and nobody else notices. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Test
  void everyKindOfBadFrameGetsItsCodeAndTheConnectionStaysUsable() throws Exception {
    try (ChatClient c = ChatClient.connect(base)) {
      c.sendRaw("{not json");
      c.await("error", code("INVALID_JSON"));
      c.sendRaw("[1,2]");
      c.await("error", code("INVALID_JSON"));
      c.sendRaw("{\"type\":\"join_room\",\"payload\":{\"roomId\":\"r\"},\"ref\":\"before-auth\"}");
      JsonObject notAuthed = c.await("error", code("NOT_AUTHENTICATED"));
      assertEquals("before-auth", notAuthed.getString("ref"));
      c.sendRaw("{\"type\":\"teleport\",\"payload\":{},\"ref\":\"u1\"}");
      assertEquals("u1", c.await("error", code("UNKNOWN_TYPE")).getString("ref"));
      c.sendRaw("{\"payload\":{}}");
      c.await("error", code("INVALID_PAYLOAD"));
      c.sendRaw("{\"type\":\"auth\"}");
      JsonObject missing = c.await("error", code("INVALID_PAYLOAD")).getJsonObject("payload");
      assertTrue(missing.getString("message").contains("displayName"), missing.toString());
      c.sendRaw("{\"type\":\"auth\",\"payload\":{\"displayName\":42}}");
      c.await("error", code("INVALID_PAYLOAD"));
      c.send("auth", payload().add("displayName", "Ada").add("avatarUrl", "javascript:alert(1)"));
      c.await("error", code("INVALID_PAYLOAD"));

      c.send("auth", payload().add("displayName", "Ada"));
      c.await("auth_ok");
      String roomId = "it-" + UUID.randomUUID();
      c.send("join_room", room(roomId));
      c.await("room_join", inRoom(roomId));
      c.sendRaw("{\"type\":\"send_message\",\"payload\":{\"roomId\":\"" + roomId + "\",\"content\":[\"x\"]}}");
      c.await("error", code("INVALID_PAYLOAD"));
      c.send("send_message", say(roomId, "still here"));
      c.await("message_ack");
    }
  }

  @Test
  void anOversizedFrameClosesOnlyThatSocketWith1009AndIsNeverBroadcast() throws Exception {
    String roomId = "it-" + UUID.randomUUID();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient big = ChatClient.authenticated(base, "Big")) {
      ada.send("join_room", room(roomId));
      ada.await("room_join", inRoom(roomId));
      big.send("join_room", room(roomId));
      big.await("room_join", inRoom(roomId));
      big.send("send_message", say(roomId, "accepted before"));
      big.await("message_ack");

      big.send("send_message", say(roomId, "z".repeat(70 * 1024)));
      assertEquals(1009, big.awaitClose(Duration.ofSeconds(10)));

      ada.await("message", p -> "accepted before".equals(p.getString("content")));
      ada.assertNone("message", p -> p.getString("content").startsWith("zzz"), Duration.ofMillis(500));
      ada.send("send_message", say(roomId, "ada unaffected"));
      ada.await("message_ack");
      ada.send("history", room(roomId));
      assertEquals(2, ada.await("history").getJsonObject("payload").getJsonArray("messages").size(),
          "nothing accepted was lost");
    }
  }

  @Test
  void aClientSendingTooFastIsRateLimitedButKeepsItsConnection() throws Exception {
    String roomId = "it-" + UUID.randomUUID();
    try (ChatClient c = ChatClient.authenticated(base, "Spammer")) {
      c.send("join_room", room(roomId));
      c.await("room_join", inRoom(roomId));
      // 25 at once: the burst of 10 (plus what refills meanwhile) passes, the rest is refused, and the
      // refusals stay below the persistent-offender allowance (20), so the connection stays open.
      for (int i = 0; i < 25; i++) c.send("send_message", say(roomId, "spam " + i), "spam-" + i);
      int acked = 0;
      int limited = 0;
      for (int i = 0; i < 25; i++) { // every send is answered: stored (ack) or refused, nothing is left silent
        String ref = "spam-" + i;
        JsonObject answer = c.awaitAnswer(ref);
        if (answer.getString("type").equals("message_ack")) acked++;
        else if (answer.getJsonObject("payload").getString("code").equals("RATE_LIMITED")) limited++;
      }
      assertTrue(!c.isClosed());
      assertEquals(25, acked + limited, "each send acked or refused with RATE_LIMITED");
      assertTrue(acked >= 10 && acked < 25, "a burst of 10 passes, the rest is refused: " + acked + " acked");
      c.send("history", room(roomId).add("limit", 100));
      int stored = c.await("history").getJsonObject("payload").getJsonArray("messages").size();
      assertEquals(acked, stored, "exactly the acknowledged messages are stored");
    }
  }
}
