package org.anonchat.realtime.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client speaking the chat's JSON envelope, for ITs. Every frame it receives is kept
 * in arrival order; {@code await} takes the first one matching, waiting up to a timeout and failing the
 * test if none comes.
 */
public final class ChatClient implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);

  private final List<JsonObject> inbox = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;
  private final JsonObject established;
  private volatile String closeReason = "";

  private ChatClient(URI uri, String origin) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (origin != null) builder.header("Origin", origin);
    try {
      this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    this.established = await("connection_established");
  }

  /**
   * Opens a connection to {@code /ws} on loopback, whatever host the container reports. Like any
   * non-browser client, it sends no Origin header.
   */
  public static ChatClient connect(URL base) throws Exception {
    return new ChatClient(wsUri(base), null);
  }

  /** Opens a connection whose handshake carries {@code Origin}, as a browser's does. */
  public static ChatClient connect(URL base, String origin) throws Exception {
    return new ChatClient(wsUri(base), origin);
  }

  /** This connection's wallet-proof nonce from connection_established. */
  public String challenge() {
    return established.getJsonObject("payload").getString("challenge");
  }

  public static URI wsUri(URL base) {
    String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    return URI.create("ws://127.0.0.1:" + base.getPort() + path + "ws");
  }

  /** Opens a connection and authenticates it as a new anonymous user with this display name. */
  public static ChatClient authenticated(URL base, String displayName) throws Exception {
    ChatClient client = connect(base);
    client.send("auth", Json.createObjectBuilder().add("displayName", displayName));
    client.await("auth_ok");
    client.await("presence_snapshot");
    return client;
  }

  /** Joins a room, waits for this connection's room_join and returns the user id it announced. */
  public String join(String roomId) {
    send("join_room", Json.createObjectBuilder().add("roomId", roomId));
    return await("room_join", p -> roomId.equals(p.getString("roomId"))).getJsonObject("payload").getString("userId");
  }

  public JsonObject established() {
    return established;
  }

  public void send(String type, JsonObjectBuilder payload) {
    sendRaw(Json.createObjectBuilder().add("type", type).add("payload", payload)
        .add("timestamp", System.currentTimeMillis()).build().toString());
  }

  public void send(String type, JsonObjectBuilder payload, String ref) {
    sendRaw(Json.createObjectBuilder().add("type", type).add("payload", payload)
        .add("timestamp", System.currentTimeMillis()).add("ref", ref).build().toString());
  }

  public void sendRaw(String text) {
    try {
      socket.sendText(text, true).join();
    } catch (RuntimeException e) {
      synchronized (inbox) {
        throw new IllegalStateException("send failed; " + recent(), e); // callers may expect a closed socket
      }
    }
  }

  public JsonObject await(String type) {
    return await(type, f -> true, WAIT);
  }

  public JsonObject await(String type, Predicate<JsonObject> payloadMatches) {
    return await(type, payloadMatches, WAIT);
  }

  /** The first unseen frame of this type whose payload matches; fails after {@code timeout}. */
  public JsonObject await(String type, Predicate<JsonObject> payloadMatches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inbox) {
      while (true) {
        JsonObject hit = take(type, payloadMatches);
        if (hit != null) return hit;
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no " + type + " within " + timeout + "; " + recent());
        try {
          TimeUnit.NANOSECONDS.timedWait(inbox, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted");
        }
      }
    }
  }

  /** For failure messages: the socket's state and the last frames left unread (not all: there may be thousands). */
  private String recent() {
    String state = closed.isDone() ? "socket closed with " + closed.getNow(null) + " " + closeReason : "socket open";
    int from = Math.max(0, inbox.size() - 8);
    return state + "; " + inbox.size() + " unread frames, the last: " + inbox.subList(from, inbox.size());
  }

  /**
   * The first unseen frame of this type, or null if the socket is closed without one; fails after
   * {@code timeout} if neither happens.
   */
  public JsonObject awaitOrClosed(String type, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inbox) {
      while (true) {
        JsonObject hit = take(type, f -> true);
        if (hit != null) return hit;
        if (closed.isDone()) return null;
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("neither " + type + " nor a close within " + timeout + "; " + recent());
        try {
          TimeUnit.NANOSECONDS.timedWait(inbox, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted");
        }
      }
    }
  }

  /** The close frame's reason, or for an abnormal end the client's error (for failure messages). */
  public String closeReason() {
    return closeReason;
  }

  /** The close code once the socket is closed (-1 for an abnormal end), or null while it is open. */
  public Integer closeCode() {
    return closed.getNow(null);
  }

  /** Asserts that no such frame arrives within {@code window} (for "nothing is announced" checks). */
  public void assertNone(String type, Predicate<JsonObject> payloadMatches, Duration window) {
    long deadline = System.nanoTime() + window.toNanos();
    synchronized (inbox) {
      while (true) {
        JsonObject hit = take(type, payloadMatches);
        if (hit != null) throw new AssertionError("unexpected " + hit);
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        try {
          TimeUnit.NANOSECONDS.timedWait(inbox, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Waits until a frame matching {@code frameMatches} has arrived, without taking it out of the inbox. */
  public JsonObject awaitPresent(Predicate<JsonObject> frameMatches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inbox) {
      while (true) {
        for (JsonObject frame : inbox) {
          if (frameMatches.test(frame)) return frame;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no matching frame within " + timeout + "; " + recent());
        try {
          TimeUnit.NANOSECONDS.timedWait(inbox, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted");
        }
      }
    }
  }

  /**
   * The answer to the {@code send_message} sent with this ref, left in the inbox: its {@code message_ack} once
   * stored, or the {@code error} that refused it. Acks follow the commit, so a reader of history waits for these.
   */
  public JsonObject awaitAnswer(String ref) {
    return awaitPresent(f -> ref.equals(f.getString("ref", null))
        && ("message_ack".equals(f.getString("type")) || "error".equals(f.getString("type"))), WAIT);
  }

  /** Removes and returns every frame received so far whose type is one of {@code types}, in arrival order. */
  public List<JsonObject> takeAll(Set<String> types) {
    List<JsonObject> taken = new ArrayList<>();
    synchronized (inbox) {
      for (Iterator<JsonObject> it = inbox.iterator(); it.hasNext(); ) {
        JsonObject frame = it.next();
        if (types.contains(frame.getString("type"))) {
          taken.add(frame);
          it.remove();
        }
      }
    }
    return taken;
  }

  /** Waits for the server to close the socket and returns the close code. */
  public int awaitClose(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  private JsonObject take(String type, Predicate<JsonObject> payloadMatches) {
    for (Iterator<JsonObject> it = inbox.iterator(); it.hasNext(); ) {
      JsonObject frame = it.next();
      if (type.equals(frame.getString("type")) && payloadMatches.test(frame.getJsonObject("payload"))) {
        it.remove();
        return frame;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
    }
  }

  /** Drops the TCP connection without a close handshake, like a tab killed or a network gone. */
  public void abort() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject frame = Json.createReader(new StringReader(partial.toString())).readObject();
        partial.setLength(0);
        synchronized (inbox) {
          inbox.add(frame);
          inbox.notifyAll();
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeReason = reason;
      closed.complete(statusCode);
      wake();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closeReason = String.valueOf(error);
      closed.complete(-1);
      wake();
    }

    private void wake() {
      synchronized (inbox) {
        inbox.notifyAll();
      }
    }
  }
}
