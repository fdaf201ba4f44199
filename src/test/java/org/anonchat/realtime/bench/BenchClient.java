package org.anonchat.realtime.bench;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark connection. Sends with at most {@code window} messages awaiting their ack; records every
 * {@code message} it receives, per room, in arrival order. The socket is a {@link Transport} (which client,
 * {@link Target} decides); a paused client stops reading it, so the server's frames back up.
 */
final class BenchClient implements Transport.Inbound {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
  /** One factory: {@code Json.createObjectBuilder()} looks the provider up on every call (a ServiceLoader scan). */
  private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
  /** The close code of a normal closure (RFC 6455, 7.4.1). */
  private static final int NORMAL_CLOSURE = 1000;
  /** The server's codec always writes {@code type} first; a chat message is read by scanning (below). */
  private static final String MESSAGE_PREFIX = "{\"type\":\"message\",";

  record Delivered(long seq, String messageId, String clientMessageId) {}

  final String name;
  private final Ledger ledger;
  private final int window;
  private final Semaphore slots;
  private final CompletableFuture<String> userId = new CompletableFuture<>();
  private final Map<String, CompletableFuture<Void>> joins = new ConcurrentHashMap<>();
  private final Map<String, List<Delivered>> inbox = new ConcurrentHashMap<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final Set<String> offline = ConcurrentHashMap.newKeySet();
  private volatile String closeDetail = "";
  private volatile boolean measured = true;
  private volatile Transport socket;

  private BenchClient(String name, Ledger ledger, int window) {
    this.name = name;
    this.ledger = ledger;
    this.window = window;
    this.slots = new Semaphore(window);
  }

  /** Connects, authenticates as a fresh user named {@code name} and waits for auth_ok. */
  static BenchClient open(Target target, String name, Ledger ledger, int window, Duration timeout) throws Exception {
    return connect(target, name, ledger, window, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
  }

  /**
   * Connects and authenticates as a fresh user (a distinct identity per client) without blocking: the
   * future completes on auth_ok, or fails after {@code timeout}.
   */
  static CompletableFuture<BenchClient> connect(Target target, String name, Ledger ledger, int window, Duration timeout) {
    BenchClient client = new BenchClient(name, ledger, window);
    return target.connect(client, timeout)
        .thenCompose(socket -> {
          client.attach(socket);
          return client.sendFrameAsync("auth", BUILDERS.createObjectBuilder().add("displayName", name).build(), null);
        })
        .thenCompose(sent -> client.userId)
        .thenApply(id -> client)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void attach(Transport transport) {
    socket = transport;
    transport.closed().thenAccept(how -> {
      closeDetail = how.detail();
      closed.complete(how.code());
    });
  }

  /** Joins and waits for our own room_join, so the membership exists before anyone sends. */
  void join(String roomId, Duration timeout) throws Exception {
    joinAsync(roomId, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
  }

  /** Sends join_room; completes on our own room_join. */
  CompletableFuture<Void> joinAsync(String roomId, Duration timeout) {
    CompletableFuture<Void> joined = joins.computeIfAbsent(roomId, k -> new CompletableFuture<>());
    return sendFrameAsync("join_room", BUILDERS.createObjectBuilder().add("roomId", roomId).build(), null)
        .thenCompose(sent -> joined)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends one message now if a window slot is free (for paced senders); false if none is or the socket closed. */
  boolean trySend(String roomId, String clientMessageId, String content) throws Exception {
    if (closed.isDone() || !slots.tryAcquire()) return false;
    post(roomId, clientMessageId, content);
    return true;
  }

  /** Sends one message once a window slot is free; false if the deadline passed or the socket closed. */
  boolean send(String roomId, String clientMessageId, String content, long deadlineNanos) throws Exception {
    while (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
      if (closed.isDone() || System.nanoTime() > deadlineNanos) return false;
    }
    if (closed.isDone()) return false;
    post(roomId, clientMessageId, content);
    return true;
  }

  private void post(String roomId, String clientMessageId, String content) throws Exception {
    JsonObject payload = BUILDERS.createObjectBuilder().add("roomId", roomId).add("content", content)
        .add("clientMessageId", clientMessageId).build();
    ledger.sent(clientMessageId, roomId, this, System.nanoTime());
    sendFrame("send_message", payload, clientMessageId, Duration.ofSeconds(10));
  }

  /** Waits until every message sent has been acked or rejected (all window slots free again). */
  boolean awaitInFlight(long deadlineNanos) throws InterruptedException {
    long left = Math.max(0, deadlineNanos - System.nanoTime());
    if (!slots.tryAcquire(window, left, TimeUnit.NANOSECONDS)) return false;
    slots.release(window);
    return true;
  }

  private void sendFrame(String type, JsonObject payload, String ref, Duration timeout) throws Exception {
    sendFrameAsync(type, payload, ref).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<Void> sendFrameAsync(String type, JsonObject payload, String ref) {
    var frame = BUILDERS.createObjectBuilder().add("type", type).add("payload", payload)
        .add("timestamp", System.currentTimeMillis());
    if (ref != null) frame.add("ref", ref);
    return socket.sendText(frame.build().toString());
  }

  /** Stops reading; from now on this client's deliveries stay out of the latency figures. */
  void pause() {
    measured = false;
    socket.pause();
  }

  boolean measured() {
    return measured;
  }

  void resume() {
    socket.resume();
  }

  /** The messages received in a room, in arrival order. */
  List<Delivered> received(String roomId) {
    List<Delivered> list = inbox.get(roomId);
    if (list == null) return List.of();
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  int receivedCount(String roomId) {
    List<Delivered> list = inbox.get(roomId);
    return list == null ? 0 : list.size();
  }

  String userId() {
    return userId.getNow(null);
  }

  /** Whether this client was told that the user went offline (presence_update). */
  boolean sawOffline(String user) {
    return offline.contains(user);
  }

  /** How the socket ended: the close frame's code and reason, or the error when none arrived. */
  String closeDetail() {
    return closeDetail;
  }

  CompletableFuture<Integer> closed() {
    return closed;
  }

  /** Whether this client has received the acked message with this clientMessageId (its own copy included). */
  boolean holds(String roomId, String clientMessageId) {
    List<Delivered> list = inbox.get(roomId);
    if (list == null) return false;
    synchronized (list) {
      return list.stream().anyMatch(d -> clientMessageId.equals(d.clientMessageId()));
    }
  }

  /** Starts the close handshake; a client that cannot send its close frame is aborted. */
  CompletableFuture<?> closeAsync() {
    if (closed.isDone()) return CompletableFuture.completedFuture(null);
    return socket.sendClose(NORMAL_CLOSURE, "bench done").exceptionally(e -> {
      socket.abort();
      return null;
    });
  }

  void abort() {
    if (socket != null) socket.abort();
  }

  @Override
  public void onText(String text) {
    long now = System.nanoTime();
    try {
      if (!(text.startsWith(MESSAGE_PREFIX) && scannedMessage(text, now))) {
        handle(READERS.createReader(new StringReader(text)).readObject(), now);
      }
    } catch (RuntimeException e) {
      ledger.anomaly("unreadable frame at " + name + ": " + e);
    }
  }

  /**
   * Records a {@code message} frame from the four fields the checks need, without a JSON parser (the parse cost
   * the generator more CPU per delivery than the server spent sending it). A key with its quotes and colon
   * cannot occur inside a JSON string (its quotes would be escaped); anything unexpected (a missing field, an
   * escape in a value) returns false and the frame is parsed in full.
   */
  private boolean scannedMessage(String text, long now) {
    Scanned m = scan(text);
    if (m == null) return false;
    Delivered d = m.delivered();
    record(m.roomId(), d.seq(), d.messageId(), d.clientMessageId(), now);
    return true;
  }

  /**
   * Files a delivery in the inbox, with the ledger's strings where it has them: every member's record of a
   * message then shares one copy, and a fan-out run holds millions of records until the checks.
   */
  private void record(String roomId, long seq, String messageId, String clientMessageId, long now) {
    Ledger.Sent sent = ledger.delivered(this, clientMessageId, now);
    Delivered d = sent == null ? new Delivered(seq, messageId, clientMessageId)
        : new Delivered(seq, sent.sharedMessageId(messageId), sent.clientMessageId);
    inbox.computeIfAbsent(roomId, k -> Collections.synchronizedList(new ArrayList<>())).add(d);
  }

  record Scanned(String roomId, Delivered delivered) {}

  /** The room, seq, id and clientMessageId of an encoded {@code message} frame; null if it must be parsed. */
  static Scanned scan(String text) {
    String id = stringField(text, "\"id\":");
    String roomId = stringField(text, "\"roomId\":");
    int seqAt = text.indexOf("\"seq\":");
    int cmidAt = text.indexOf("\"clientMessageId\":");
    if (id == null || roomId == null || seqAt < 0 || cmidAt < 0) return null;
    int from = seqAt + "\"seq\":".length();
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) to++;
    if (to == from) return null;
    long seq = Long.parseLong(text, from, to, 10);
    boolean noCmid = text.startsWith("null", cmidAt + "\"clientMessageId\":".length());
    String cmid = noCmid ? null : stringField(text, "\"clientMessageId\":");
    if (cmid == null && !noCmid) return null;
    return new Scanned(roomId, new Delivered(seq, id, cmid));
  }

  /** The string value after {@code key}, or null if absent, not a string, or escaped. */
  static String stringField(String text, String key) {
    int at = text.indexOf(key);
    if (at < 0) return null;
    int open = at + key.length();
    if (open >= text.length() || text.charAt(open) != '"') return null;
    int close = text.indexOf('"', open + 1);
    if (close < 0) return null;
    String value = text.substring(open + 1, close);
    return value.indexOf('\\') >= 0 ? null : value;
  }

  private void handle(JsonObject frame, long now) {
    JsonObject p = frame.getJsonObject("payload");
    switch (frame.getString("type", "")) {
      case "message" -> {
        String cmid = p.isNull("clientMessageId") ? null : p.getString("clientMessageId");
        record(p.getString("roomId"), p.getJsonNumber("seq").longValue(), p.getString("id"), cmid, now);
      }
      case "message_ack" -> {
        String cmid = p.isNull("clientMessageId") ? null : p.getString("clientMessageId");
        ledger.acked(cmid, p.getString("messageId"), p.getJsonNumber("seq").longValue(), p.getBoolean("duplicate", false), now);
        slots.release();
      }
      case "error" -> {
        if (ledger.rejected(p.getString("ref", null), p.getString("code", "?"), p.getString("message", ""))) slots.release();
      }
      case "auth_ok" -> userId.complete(p.getString("userId"));
      case "presence_update" -> {
        if ("offline".equals(p.getString("status", ""))) offline.add(p.getString("userId"));
      }
      case "room_join" -> {
        if (p.getString("userId").equals(userId.getNow(null))) {
          joins.computeIfAbsent(p.getString("roomId"), k -> new CompletableFuture<>()).complete(null);
        }
      }
      default -> { } // presence, room_leave, snapshots: not measured
    }
  }
}
