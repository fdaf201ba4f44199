package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Writes already-encoded frames straight to Tyrus's transport writer (Payara, GlassFish), below the WebSocket
 * API (decision 0031). Every recipient of a broadcast gets the same bytes, and all frames queued for a socket
 * go out in one write and one flush. The standard API would encode the text again for each recipient, flush
 * each frame on its own, and restart the session's idle timer per frame.
 *
 * <p>The writer is reached through Tyrus's private fields, read once per connection; where any of them is
 * missing (another Tyrus version, another container) {@link #of} answers null and the connection uses
 * {@link StandardFrameWriter}. Tyrus's own writer serialises writes, so its control frames (pong, close)
 * never interleave with these bytes.
 */
final class TyrusFrameWriter implements FrameWriter {

  static final int MAX_FRAMES = 64;

  private final Writer writer;

  private TyrusFrameWriter(Writer writer) {
    this.writer = writer;
  }

  /**
   * The raw writer behind a Tyrus session (session → its async remote → web socket → protocol handler →
   * writer), or null if the session is not one this class can write to.
   */
  static FrameWriter of(Session session) {
    try {
      return TyrusFields.TO_WRITER.from(session, missing -> {}) instanceof Writer w ? new TyrusFrameWriter(w) : null;
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public int maxFrames() {
    return MAX_FRAMES;
  }

  @Override
  public void write(List<OutboundFrame> frames, Consumer<Throwable> done) {
    writer.write(ByteBuffer.wrap(concatenate(frames)), new CompletionHandler<>() {
      @Override
      public void completed(ByteBuffer result) {
        done.accept(null);
      }

      @Override
      public void failed(Throwable throwable) {
        done.accept(throwable);
      }

      @Override
      public void cancelled() {
        done.accept(new CancellationException("write cancelled"));
      }
    });
  }

  /** One frame is written from its shared array (Tyrus only reads it); several are copied into one. */
  static byte[] concatenate(List<OutboundFrame> frames) {
    if (frames.size() == 1) return frames.get(0).wire();
    int length = 0;
    for (OutboundFrame f : frames) length += f.wire().length;
    byte[] all = new byte[length];
    int at = 0;
    for (OutboundFrame f : frames) {
      byte[] wire = f.wire();
      System.arraycopy(wire, 0, all, at, wire.length);
      at += wire.length;
    }
    return all;
  }
}
