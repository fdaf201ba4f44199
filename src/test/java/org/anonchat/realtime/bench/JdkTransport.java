package org.anonchat.realtime.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Transport} on the JDK's {@code java.net.http.WebSocket} ({@code --client=jdk}). Paused, it stops
 * calling {@code request()}, so the JDK stops reading the socket.
 */
final class JdkTransport implements Transport, WebSocket.Listener {

  /** Frames asked of the JDK at a time: asking for each one costs the generator more than the server's send. */
  private static final int DEMAND = 32;

  private final Inbound inbound;
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private volatile boolean paused;
  private int sinceRequest; // frames delivered since the last request(DEMAND); only the JDK's listener thread
  private volatile WebSocket socket;

  private JdkTransport(Inbound inbound) {
    this.inbound = inbound;
  }

  static CompletableFuture<Transport> connect(HttpClient http, URI uri, Inbound inbound, Duration timeout) {
    JdkTransport transport = new JdkTransport(inbound);
    return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, transport).thenApply(ws -> transport);
  }

  @Override
  public CompletableFuture<Void> sendText(String text) {
    return socket.sendText(text, true).thenApply(ws -> null);
  }

  @Override
  public CompletableFuture<Void> sendClose(int code, String reason) {
    return socket.sendClose(code, reason).thenApply(ws -> null);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    if (!paused) return;
    paused = false;
    socket.request(DEMAND);
  }

  @Override
  public void abort() {
    socket.abort();
    closed.complete(Closed.aborted());
  }

  @Override
  public CompletableFuture<Closed> closed() {
    return closed;
  }

  @Override
  public void onOpen(WebSocket ws) {
    socket = ws;
    ws.request(DEMAND);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      inbound.onText(text);
    }
    consumed(ws);
    return null;
  }

  /** One frame (or fragment) delivered: ask for the next batch when this one is used up, unless paused. */
  private void consumed(WebSocket ws) {
    if (++sinceRequest < DEMAND) return;
    sinceRequest = 0;
    if (!paused) ws.request(DEMAND);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    consumed(ws);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    consumed(ws); // the JDK answers the ping itself
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
    consumed(ws);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(Closed.byFrame(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(Closed.byError(error));
  }
}
