package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.util.List;
import java.util.function.Consumer;

/** The portable path: one frame per asynchronous send of the Jakarta WebSocket API (any container). */
final class StandardFrameWriter implements FrameWriter {

  private final Session session;

  StandardFrameWriter(Session session) {
    this.session = session;
  }

  @Override
  public int maxFrames() {
    return 1;
  }

  @Override
  public void write(List<OutboundFrame> frames, Consumer<Throwable> done) {
    session.getAsyncRemote().sendText(frames.get(0).text(), result -> done.accept(result.isOK() ? null : result.getException()));
  }
}
