package org.anonchat.realtime;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
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

  /**
   * A crash in the middle of traffic loses nothing that was acknowledged, and seq goes on without a gap or a
   * repeat; a normal stop (SIGTERM) then closes every socket with 1001 so clients reconnect at once.
   */
  @Test
  void aKillDuringTrafficLosesNoAcknowledgedMessageAndAStopClosesSocketsWith1001() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "crash-data");
    int port = UberJarServer.freePort();
    String roomId = "crash-" + UUID.randomUUID();
    Map<String, Long> acknowledged = new HashMap<>(); // messageId → seq

    try (UberJarServer first = UberJarServer.start(port, data)) {
      List<ChatClient> senders = new ArrayList<>();
      first.connectWhenUp().close();
      for (int i = 0; i < 4; i++) {
        ChatClient sender = ChatClient.authenticated(first.base(), "Sender " + i);
        sender.join(roomId);
        senders.add(sender);
      }
      ExecutorService pool = Executors.newFixedThreadPool(senders.size());
      AtomicBoolean crashed = new AtomicBoolean();
      long start = System.nanoTime();
      for (int i = 0; i < senders.size(); i++) {
        ChatClient sender = senders.get(i);
        String prefix = "s" + i + "-";
        pool.submit(() -> {
          for (int n = 0; !crashed.get(); n++) { // ends when the server is gone: a send then fails
            LockSupport.parkNanos(start + n * TimeUnit.MILLISECONDS.toNanos(250) - System.nanoTime());
            sender.send("send_message", say(roomId, prefix + n).add("clientMessageId", prefix + n));
          }
          return null;
        });
      }
      senders.get(0).awaitPresent(f -> "message_ack".equals(f.getString("type"))
          && f.getJsonObject("payload").getJsonNumber("seq").longValue() >= 40, Duration.ofSeconds(60));
      first.kill(); // while the senders are still sending
      crashed.set(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      for (ChatClient sender : senders) {
        for (JsonObject ack : sender.takeAll(Set.of("message_ack"))) {
          JsonObject p = ack.getJsonObject("payload");
          acknowledged.put(p.getString("messageId"), p.getJsonNumber("seq").longValue());
        }
        sender.abort();
      }
    }
    assertTrue(acknowledged.size() >= 40, "acks before the kill: " + acknowledged.size());

    try (UberJarServer second = UberJarServer.start(port, data); ChatClient reader = second.connectWhenUp()) {
      reader.send("auth", payload().add("displayName", "Reader"));
      reader.await("auth_ok");
      reader.send("join_room", room(roomId).add("sinceSeq", 0));
      JsonObject recovery = reader.await("history", inRoom(roomId)).getJsonObject("payload");
      assertTrue(recovery.getBoolean("recovered"), "one recovery holds them all (cap 500)");
      Map<String, Long> stored = new HashMap<>();
      List<Long> seqs = new ArrayList<>();
      for (JsonValue v : recovery.getJsonArray("messages")) {
        JsonObject m = v.asJsonObject();
        stored.put(m.getString("id"), m.getJsonNumber("seq").longValue());
        seqs.add(m.getJsonNumber("seq").longValue());
      }
      for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
        assertEquals(ack.getValue(), stored.get(ack.getKey()), "acknowledged message " + ack.getKey() + " is stored");
      }
      List<Long> gapless = LongStream.rangeClosed(1, seqs.size()).boxed().toList();
      assertEquals(gapless, seqs, "stored seqs run 1..n without a gap or a repeat");

      reader.send("send_message", say(roomId, "after the crash"));
      assertEquals(seqs.size() + 1L, reader.await("message_ack").getJsonObject("payload").getJsonNumber("seq").longValue(),
          "seq continues after the last stored message");

      second.close(); // SIGTERM, as an operator or an orchestrator stops it
      assertEquals(1001, reader.awaitClose(Duration.ofSeconds(30)), "a stop says going away");
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
