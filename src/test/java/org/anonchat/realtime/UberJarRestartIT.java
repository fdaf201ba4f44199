package org.anonchat.realtime;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.anonchat.realtime.identity.control.StellarKeys;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.UberJarServer;
import org.junit.jupiter.api.Test;

/**
 * The uber-jar that {@code mvn package} builds starts with {@code java -jar}, serves {@code /ws} at the
 * root context, and keeps messages and identities in its data folder across a restart, even when the
 * process was killed right after acknowledging: acknowledged means stored. The same holds for a proven
 * wallet's user and for a private room's definition and members.
 */
class UberJarRestartIT {

  @Test
  void anAcknowledgedMessageAndAnIdentitySurviveAKillAndRestart() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "restart-data");
    int port = UberJarServer.freePort();
    String roomId = "it-" + UUID.randomUUID();
    String privateRoom = "it-private-" + UUID.randomUUID();
    StellarKeys wallet = StellarKeys.generate();
    String walletUserId;
    String token;
    String userId;
    String messageId;

    try (UberJarServer first = UberJarServer.start(port, data); ChatClient ada = first.connectWhenUp()) {
      ada.send("auth", payload().add("displayName", "Ada"));
      JsonObject ok = ada.await("auth_ok").getJsonObject("payload");
      token = ok.getString("token");
      userId = ok.getString("userId");
      ada.send("join_room", room(roomId));
      ada.await("room_join", inRoom(roomId));
      ada.send("send_message", say(roomId, "kept across restarts"));
      messageId = ada.await("message_ack").getJsonObject("payload").getString("messageId");
      ada.send("create_room", room(privateRoom).add("private", true));
      ada.await("room_created");
      try (ChatClient holder = first.connectWhenUp()) {
        walletUserId = proveWallet(holder, wallet);
      }
      first.kill();
    }

    try (UberJarServer second = UberJarServer.start(port, data); ChatClient ada = second.connectWhenUp()) {
      ada.send("auth", payload().add("displayName", "Ada").add("token", token));
      assertEquals(userId, ada.await("auth_ok").getJsonObject("payload").getString("userId"),
          "the token secret was kept in the data folder");
      ada.send("join_room", room(roomId));
      ada.await("room_join", inRoom(roomId));
      ada.send("history", room(roomId));
      JsonObject history = ada.await("history").getJsonObject("payload");
      assertEquals(1, history.getJsonArray("messages").size());
      JsonObject kept = history.getJsonArray("messages").getJsonObject(0);
      assertEquals(messageId, kept.getString("id"));
      assertEquals("kept across restarts", kept.getString("content"));
      ada.send("send_message", say(roomId, "after restart"));
      assertEquals(2, ada.await("message_ack").getJsonObject("payload").getJsonNumber("seq").longValue(),
          "seq continues where it stopped");

      try (ChatClient holder = second.connectWhenUp(); ChatClient stranger = second.connectWhenUp()) {
        assertEquals(walletUserId, proveWallet(holder, wallet), "the same wallet is the same user after a restart");
        stranger.send("auth", payload().add("displayName", "Stranger"));
        stranger.await("auth_ok");
        stranger.send("join_room", room(privateRoom));
        stranger.await("error", code("FORBIDDEN"));
      }
      ada.send("join_room", room(privateRoom));
      ada.await("room_join", inRoom(privateRoom));
    }
  }

  private static String proveWallet(ChatClient c, StellarKeys wallet) {
    c.send("auth", payload().add("displayName", "Holder").add("walletAddress", wallet.accountId())
        .add("signature", wallet.signSep53Base64(c.challenge())));
    JsonObject ok = c.await("auth_ok").getJsonObject("payload");
    assertEquals(true, ok.getBoolean("walletVerified"));
    return ok.getString("userId");
  }

}
