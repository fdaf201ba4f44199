package org.anonchat.realtime.messages;

import static org.anonchat.realtime.support.Frames.field;
import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.anonchat.realtime.support.RoomMember;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing lost, nothing twice: idempotent resends, recovery with {@code sinceSeq} after a drop, gap-free seq
 * under concurrent senders, and a randomized run of drops and rejoins. The test server caps a recovery at 20
 * messages ({@code chat.recovery.max-messages} in the pom's {@code chat.it.options}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReliableDeliveryIT {

  /** Below the server's per-connection rate (5/s); senders keep to it rather than being refused. */
  private static final long SEND_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final int RECOVERY_CAP = 20;

  @Deployment
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Test
  void aResendAfterALostAckIsAcknowledgedAgainButStoredOnce() throws Exception {
    String roomId = "retry-" + UUID.randomUUID();
    try (RoomMember ada = new RoomMember(base, roomId, "Ada").connect();
        RoomMember bob = new RoomMember(base, roomId, "Bob").connect()) {
      ada.client().send("send_message", say(roomId, "only once").add("clientMessageId", "c-retry-1"));
      JsonObject stored = bob.awaitMessage(field("clientMessageId", "c-retry-1"));
      ada.drop(); // the ack was on its way: this client never read it

      ada.connect();
      // The original's later client names the id idempotency_key; both spellings name the same message.
      ada.client().send("send_message", say(roomId, "only once").add("idempotency_key", "c-retry-1"), "r-again");
      JsonObject again = ada.client().await("message_ack").getJsonObject("payload");
      assertTrue(again.getBoolean("duplicate"), "the resend is recognised");
      assertEquals(stored.getString("id"), again.getString("messageId"));
      assertEquals(stored.getJsonNumber("seq").longValue(), again.getJsonNumber("seq").longValue());

      bob.client().assertNone("message", field("clientMessageId", "c-retry-1"), Duration.ofMillis(500));
      ada.assertHoldsExactlyOnce(1);
      bob.assertHoldsExactlyOnce(1);
    }
  }

  @Test
  void aClientThatDroppedRecoversWhatItMissedOnceIncludingEditsAndDeletes() throws Exception {
    String roomId = "recover-" + UUID.randomUUID();
    try (RoomMember ada = new RoomMember(base, roomId, "Ada").connect();
        RoomMember bob = new RoomMember(base, roomId, "Bob").connect()) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= 3; i++) ids.add(send(ada.client(), roomId, "before " + i));
      bob.awaitMessage(field("content", "before 3"));
      bob.drop();

      for (int i = 1; i <= 4; i++) send(ada.client(), roomId, "meanwhile " + i); // 9 writes: within the burst
      ada.client().send("edit_message", room(roomId).add("messageId", ids.get(1)).add("content", "before 2, edited"));
      ada.client().await("message_edit", field("messageId", ids.get(1)));
      ada.client().send("delete_message", room(roomId).add("messageId", ids.get(2)));
      ada.client().await("message_deleted", field("messageId", ids.get(2)));

      bob.connect();
      assertEquals(7, bob.highestSeq(), "the recovery brought seq 4..7");
      bob.assertHoldsExactlyOnce(7);

      send(ada.client(), roomId, "after");
      bob.awaitMessage(field("content", "after"));
      bob.assertHoldsExactlyOnce(8);
      ada.assertHoldsExactlyOnce(8);
      assertEquals(2, bob.recoveries());
    }
  }

  @Test
  void theRecoveryListsOlderMessagesChangedMeanwhileAndSaysWhenNothingWasMissed() throws Exception {
    String roomId = "changes-" + UUID.randomUUID();
    try (ChatClient ada = ChatClient.authenticated(base, "Ada"); ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      ada.join(roomId);
      bob.join(roomId);
      String first = send(ada, roomId, "first");
      String second = send(ada, roomId, "second");
      ada.send("edit_message", room(roomId).add("messageId", first).add("content", "first, edited"));
      ada.send("delete_message", room(roomId).add("messageId", second));
      ada.await("message_deleted", field("messageId", second));

      bob.send("join_room", room(roomId).add("sinceSeq", 2), "r-rejoin");
      JsonObject frame = bob.await("history", inRoom(roomId));
      JsonObject recovery = frame.getJsonObject("payload");
      assertEquals("r-rejoin", frame.getString("ref"), "the recovery answers the join's ref");
      assertTrue(recovery.getBoolean("recovered"));
      assertFalse(recovery.getBoolean("hasMore"));
      assertEquals(0, recovery.getJsonArray("messages").size(), "nothing after seq 2 was missed");
      Map<String, JsonObject> changed = byId(recovery.getJsonArray("changed"));
      assertEquals("first, edited", changed.get(first).getString("content"));
      assertTrue(changed.get(first).containsKey("editedAt"));
      assertTrue(changed.get(second).getBoolean("deleted"));
      assertEquals("", changed.get(second).getString("content"));
    }
  }

  @Test
  void aRecoveryAboveTheCapSendsTheOldestBatchAndTheClientPagesOn() throws Exception {
    String roomId = "cap-" + UUID.randomUUID();
    int total = RECOVERY_CAP + 5;
    List<ChatClient> senders = new ArrayList<>();
    try (ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      for (int s = 0; s < 3; s++) {
        ChatClient sender = ChatClient.authenticated(base, "Sender " + s);
        senders.add(sender);
        sender.join(roomId);
      }
      for (int i = 0; i < total; i++) send(senders.get(i % 3), roomId, "m" + (i + 1));

      bob.send("join_room", room(roomId).add("sinceSeq", 0));
      JsonObject first = bob.await("history", inRoom(roomId)).getJsonObject("payload");
      assertFalse(first.getBoolean("recovered"), "more was missed than one recovery holds");
      assertTrue(first.getBoolean("hasMore"));
      assertEquals(seqs(1, RECOVERY_CAP), seqsOf(first.getJsonArray("messages")), "the oldest batch, in order");

      bob.send("history", room(roomId).add("afterSeq", RECOVERY_CAP));
      JsonObject rest = bob.await("history", inRoom(roomId)).getJsonObject("payload");
      assertEquals(seqs(RECOVERY_CAP + 1, total), seqsOf(rest.getJsonArray("messages")));
      assertFalse(rest.getBoolean("hasMore"));
    } finally {
      senders.forEach(ChatClient::close);
    }
  }

  @Test
  void aSenderSeesDeliveredAndReadStatusesAgainAfterReconnecting() throws Exception {
    String roomId = "statuses-" + UUID.randomUUID();
    try (RoomMember ada = new RoomMember(base, roomId, "Ada").connect();
        ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      bob.join(roomId);
      String delivered = send(ada.client(), roomId, "delivered to Bob");
      String read = send(ada.client(), roomId, "read by Bob");
      bob.send("message_delivered", room(roomId).add("messageId", delivered));
      bob.send("message_read", room(roomId).add("messageId", read));
      ada.client().await("message_status_update", field("messageId", read).and(field("status", "read")));
      ada.drop();

      ada.connect();
      ada.client().send("history", room(roomId));
      Map<String, JsonObject> mine = byId(ada.client().await("history", inRoom(roomId)).getJsonObject("payload")
          .getJsonArray("messages"));
      assertEquals("delivered", mine.get(delivered).getString("status"));
      assertEquals("read", mine.get(read).getString("status"));
      JsonObject receipt = mine.get(read).getJsonArray("receipts").getJsonObject(0);
      assertEquals("read", receipt.getString("status"));
      assertFalse(receipt.isNull("readAt"));
      assertEquals(1, mine.get(delivered).getJsonArray("receipts").size());
      assertEquals("delivered", mine.get(delivered).getJsonArray("receipts").getJsonObject(0).getString("status"));
    }
  }

  @Test
  void twentyConcurrentSendersGetSeqOneToTwoThousandAndEveryMemberReceivesAllInOrder() throws Exception {
    String roomId = "concurrent-" + UUID.randomUUID();
    int senderCount = 20;
    int perSender = 100;
    List<RoomMember> members = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(senderCount);
    try {
      for (int i = 0; i < senderCount + 2; i++) members.add(new RoomMember(base, roomId, "Member " + i).connect());
      List<Future<List<Long>>> acks = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < senderCount; i++) {
        ChatClient sender = members.get(i).client();
        String prefix = "s" + i + "-";
        acks.add(pool.submit(() -> {
          for (int n = 0; n < perSender; n++) {
            LockSupport.parkNanos(start + n * SEND_INTERVAL_NANOS - System.nanoTime());
            sender.send("send_message", say(roomId, prefix + n).add("clientMessageId", prefix + n), prefix + n);
          }
          return awaitAcks(sender, roomId, perSender);
        }));
      }
      Set<Long> allSeqs = new HashSet<>();
      for (Future<List<Long>> f : acks) allSeqs.addAll(f.get(3, TimeUnit.MINUTES));
      long total = (long) senderCount * perSender;
      assertEquals(new HashSet<>(seqs(1, (int) total)), allSeqs, "acks name every seq 1..2000 once");

      for (RoomMember m : members) {
        m.awaitSeq(total, Duration.ofSeconds(60));
        m.assertHoldsExactlyOnce(total);
      }
    } finally {
      pool.shutdownNow();
      members.forEach(RoomMember::close);
    }
  }

  @Test
  void aRandomizedRunOfDropsAndRejoinsEndsWithEveryoneHoldingEveryMessageOnce() throws Exception {
    long seed = Long.getLong("chat.it.seed", System.nanoTime());
    Random random = new Random(seed);
    String roomId = "churn-" + UUID.randomUUID();
    int memberCount = 6;
    Duration run = Duration.ofSeconds(20);
    List<RoomMember> members = new ArrayList<>();
    Map<Integer, Map<String, Boolean>> unacked = new HashMap<>(); // member → clientMessageId → true
    Map<Integer, Long> lastSend = new HashMap<>();
    Set<String> allIds = ConcurrentHashMap.newKeySet();
    String where = "seed " + seed + " (rerun with -Dchat.it.seed=" + seed + ")";
    try {
      for (int i = 0; i < memberCount; i++) {
        members.add(new RoomMember(base, roomId, "Churner " + i).connect());
        unacked.put(i, new LinkedHashMap<>());
        lastSend.put(i, 0L);
      }
      long end = System.nanoTime() + run.toNanos();
      int counter = 0;
      while (System.nanoTime() < end) {
        int i = random.nextInt(memberCount);
        RoomMember m = members.get(i);
        takeAcks(m, roomId, unacked.get(i));
        if (random.nextInt(10) == 0) {
          m.drop();
          m.connect();
          for (String id : unacked.get(i).keySet()) { // resend what was never acknowledged, same ids
            m.client().send("send_message", say(roomId, id).add("clientMessageId", id), id);
          }
        } else if (System.nanoTime() - lastSend.get(i) > SEND_INTERVAL_NANOS) {
          String id = "c" + i + "-" + counter++;
          allIds.add(id);
          unacked.get(i).put(id, true);
          lastSend.put(i, System.nanoTime());
          m.client().send("send_message", say(roomId, id).add("clientMessageId", id), id);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(20)));
      }
      for (int i = 0; i < memberCount; i++) {
        RoomMember m = members.get(i);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!unacked.get(i).isEmpty()) {
          assertTrue(System.nanoTime() < deadline, where + ": member " + i + " still waits for acks of " + unacked.get(i).keySet());
          m.client().awaitPresent(f -> ACK_OR_ERROR.contains(f.getString("type")), Duration.ofSeconds(30));
          takeAcks(m, roomId, unacked.get(i));
        }
      }
      long total = allIds.size();
      for (RoomMember m : members) m.client().send("history", room(roomId).add("afterSeq", total - 1));
      for (RoomMember m : members) {
        JsonObject tail = m.client().await("history", inRoom(roomId).and(p -> !p.containsKey("recovered")),
            Duration.ofSeconds(30)).getJsonObject("payload");
        assertEquals(List.of(total), seqsOf(tail.getJsonArray("messages")), where + ": the room's last seq");
        assertFalse(tail.getBoolean("hasMore"), where + ": more messages stored than sent: each id must be stored once");
        m.awaitSeq(total, Duration.ofSeconds(30));
        m.assertHoldsExactlyOnce(total);
      }
      assertTrue(members.stream().mapToInt(RoomMember::recoveries).sum() > memberCount, where + ": the run included rejoins");
    } finally {
      members.forEach(RoomMember::close);
    }
  }

  /**
   * Waits for {@code count} acks and returns their seqs. A send refused with RATE_LIMITED (a loaded server
   * reads a paced sender's frames in bursts) is sent again with the same id, as a client would.
   */
  private static List<Long> awaitAcks(ChatClient sender, String roomId, int count) {
    List<Long> seqs = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (seqs.size() < count) {
      assertTrue(System.nanoTime() < deadline, "acks: " + seqs.size() + " of " + count);
      sender.awaitPresent(f -> ACK_OR_ERROR.contains(f.getString("type")), Duration.ofSeconds(60));
      for (JsonObject frame : sender.takeAll(ACK_OR_ERROR)) {
        JsonObject p = frame.getJsonObject("payload");
        if ("message_ack".equals(frame.getString("type"))) {
          seqs.add(p.getJsonNumber("seq").longValue());
        } else {
          retryRateLimited(sender, roomId, frame);
        }
      }
    }
    return seqs;
  }

  private static final Set<String> ACK_OR_ERROR = Set.of("message_ack", "error");

  private static void retryRateLimited(ChatClient sender, String roomId, JsonObject error) {
    assertEquals("RATE_LIMITED", error.getJsonObject("payload").getString("code"), "unexpected " + error);
    String id = error.getString("ref");
    LockSupport.parkNanos(SEND_INTERVAL_NANOS); // let the bucket refill before the resend
    sender.send("send_message", say(roomId, id).add("clientMessageId", id), id);
  }

  private static void takeAcks(RoomMember m, String roomId, Map<String, Boolean> unacked) {
    for (JsonObject frame : m.client().takeAll(ACK_OR_ERROR)) {
      if ("message_ack".equals(frame.getString("type"))) {
        unacked.remove(frame.getJsonObject("payload").getString("clientMessageId"));
      } else {
        retryRateLimited(m.client(), roomId, frame);
      }
    }
  }

  /** Sends, waits for the ack, returns the stored message id. */
  private static String send(ChatClient client, String roomId, String content) {
    client.send("send_message", say(roomId, content));
    return client.await("message_ack").getJsonObject("payload").getString("messageId");
  }

  private static Map<String, JsonObject> byId(JsonArray messages) {
    Map<String, JsonObject> byId = new HashMap<>();
    for (JsonValue v : messages) byId.put(v.asJsonObject().getString("id"), v.asJsonObject());
    return byId;
  }

  private static List<Long> seqsOf(JsonArray messages) {
    return messages.stream().map(v -> v.asJsonObject().getJsonNumber("seq").longValue()).toList();
  }

  private static List<Long> seqs(int from, int to) {
    List<Long> seqs = new ArrayList<>();
    for (long s = from; s <= to; s++) seqs.add(s);
    return seqs;
  }
}
