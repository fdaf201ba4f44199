package org.anonchat.realtime.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * A user's view of one room across reconnects, as a careful client keeps it: every message it received,
 * live or in a recovery {@code history}, counted by seq. Rejoins ask for what it missed with
 * {@code sinceSeq}. The checks then say whether the server delivered each message exactly once and, within
 * each connection, in seq order.
 */
public final class RoomMember implements AutoCloseable {

  private static final Set<String> MESSAGE_FRAMES = Set.of("message", "history");

  private final URL base;
  private final String roomId;
  private final String displayName;
  private final Map<Long, Integer> received = new TreeMap<>();
  private final List<String> orderViolations = new ArrayList<>();
  private ChatClient client;
  private String token;
  private String userId;
  private long lastSeqOnThisConnection;
  private int recoveries;

  public RoomMember(URL base, String roomId, String displayName) {
    this.base = base;
    this.roomId = roomId;
    this.displayName = displayName;
  }

  /**
   * Connects, authenticates (with the token of an earlier connection, so the same user comes back) and
   * joins with {@code sinceSeq} = the highest seq held; waits for the recovery and takes it in.
   */
  public RoomMember connect() throws Exception {
    client = ChatClient.connect(base);
    var auth = Json.createObjectBuilder().add("displayName", displayName);
    if (token != null) auth.add("token", token);
    client.send("auth", auth);
    JsonObject ok = client.await("auth_ok").getJsonObject("payload");
    token = ok.getString("token");
    userId = ok.getString("userId");
    lastSeqOnThisConnection = 0;
    client.send("join_room", Frames.room(roomId).add("sinceSeq", highestSeq()));
    client.await("room_join", p -> roomId.equals(p.getString("roomId")) && userId.equals(p.getString("userId")));
    // Not taken out of the inbox: collect() counts it, in its place among the frames.
    client.awaitPresent(frame -> "history".equals(frame.getString("type"))
        && frame.getJsonObject("payload").containsKey("recovered"), ChatClient.WAIT);
    recoveries++;
    collect();
    return this;
  }

  /** Takes in every message frame received so far, in arrival order. */
  public void collect() {
    for (JsonObject frame : client.takeAll(MESSAGE_FRAMES)) {
      JsonObject p = frame.getJsonObject("payload");
      if (!roomId.equals(p.getString("roomId"))) continue;
      if ("message".equals(frame.getString("type"))) {
        take(p);
      } else {
        // A plain history reply is paging, not delivery; only a recovery counts toward exactly-once.
        if (!p.containsKey("recovered")) continue;
        for (JsonValue m : p.getJsonArray("messages")) take(m.asJsonObject());
      }
    }
  }

  private void take(JsonObject message) {
    long seq = message.getJsonNumber("seq").longValue();
    received.merge(seq, 1, Integer::sum);
    if (seq <= lastSeqOnThisConnection) {
      orderViolations.add("seq " + seq + " after " + lastSeqOnThisConnection);
    }
    lastSeqOnThisConnection = seq;
  }

  /** Waits for a live message whose payload matches, without taking it from what this member counts. */
  public JsonObject awaitMessage(java.util.function.Predicate<JsonObject> payloadMatches) {
    java.util.function.Predicate<JsonObject> frame =
        f -> "message".equals(f.getString("type")) && payloadMatches.test(f.getJsonObject("payload"));
    JsonObject found = client.awaitPresent(frame, ChatClient.WAIT);
    collect();
    return found.getJsonObject("payload");
  }

  /** Waits until this member holds a message with seq {@code seq} or higher, live or recovered. */
  public void awaitSeq(long seq, Duration timeout) {
    collect();
    if (highestSeq() >= seq) return;
    client.awaitPresent(frame -> "message".equals(frame.getString("type"))
        && frame.getJsonObject("payload").getJsonNumber("seq").longValue() >= seq, timeout);
    collect();
  }

  /** Drops the connection without a close handshake (a lost network); what arrived before is kept. */
  public void drop() {
    client.abort();
    collect();
  }

  public long highestSeq() {
    return received.isEmpty() ? 0 : ((TreeMap<Long, Integer>) received).lastKey();
  }

  public ChatClient client() {
    return client;
  }

  public String userId() {
    return userId;
  }

  public int recoveries() {
    return recoveries;
  }

  /** Holds seqs 1..{@code total}, each exactly once, and every connection received them in order. */
  public void assertHoldsExactlyOnce(long total) {
    collect();
    List<String> duplicates = received.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(e -> "seq " + e.getKey() + " x" + e.getValue()).toList();
    assertEquals(List.of(), duplicates, displayName + " received messages more than once");
    assertEquals(List.of(), orderViolations, displayName + " received messages out of order");
    List<Long> missing = LongStream.rangeClosed(1, total).filter(s -> !received.containsKey(s)).boxed().toList();
    assertEquals(List.of(), missing, displayName + " is missing messages");
    assertEquals(total, received.size(), displayName + " holds messages beyond seq " + total);
  }

  @Override
  public void close() {
    if (client != null) client.close();
  }
}
