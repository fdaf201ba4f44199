package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

/**
 * Lets a socket that the server closes finish the closing handshake (RFC 6455 §7.1.1; decision 0033).
 *
 * <p>Tyrus ends the TCP connection as soon as it has queued its close frame. A peer still sending at that
 * moment (an offender firing frames, a client that sent just after an error) then has its next frames answered
 * by the server's kernel with a reset, and its own kernel may throw away the close frame it had not read yet:
 * the client sees an abnormal closure (1006, "Broken pipe") instead of the 1008 that told it why.
 *
 * <p>This stands between Tyrus's protocol handler and its transport writer. When the server started the
 * close, the end of the TCP connection waits for the peer's answering close frame or its EOF (Tyrus then
 * closes again, and this closes at once), or at most {@link #LINGER}. Meanwhile Tyrus still reads and drops the
 * peer's frames: the session is gone, so none reaches the endpoint. When the peer started the close, nothing
 * waits. Which side started it shows in the order of Tyrus's calls: for its own close Tyrus writes the close
 * frame and then tells the endpoint; for the peer's it tells the endpoint and then writes the answer.
 */
final class LingeringClose extends Writer {

  static final Duration LINGER = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(LingeringClose.class.getName());
  private static final String KEY = "chat.lingeringClose";
  private static final ClassValue<Field> WRITER = TyrusFields.named("writer");

  private final Writer transport;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean lingering = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean closeFrameWritten;
  private volatile boolean serverStarted;
  private volatile boolean atOnce;
  private volatile ScheduledFuture<?> deadline;

  private LingeringClose(Writer transport, ScheduledExecutorService timer) {
    this.transport = transport;
    this.timer = timer;
  }

  /** Puts itself in front of the session's transport writer; a session it cannot reach is left as it is. */
  static void install(Session session, ScheduledExecutorService timer) {
    try {
      Object handler = TyrusFields.TO_PROTOCOL_HANDLER.from(session, missing -> {});
      Field writer = handler == null ? null : WRITER.get(handler.getClass());
      if (writer == null || !(writer.get(handler) instanceof Writer transport) || transport instanceof LingeringClose) return;
      LingeringClose wrapper = new LingeringClose(transport, timer);
      writer.set(handler, wrapper);
      session.getUserProperties().put(KEY, wrapper);
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing handshake left to the container", e);
    }
  }

  /** The endpoint heard of the close; call from its close callback. */
  static void endpointClosed(Session session) {
    if (session.getUserProperties().get(KEY) instanceof LingeringClose l) l.serverStarted = l.closeFrameWritten;
  }

  /** The next close ends the TCP connection at once: for peers that do not read, whose answer will not come. */
  static void closeAtOnce(Session session) {
    if (session.getUserProperties().get(KEY) instanceof LingeringClose l) l.atOnce = true;
  }

  @Override
  public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> handler) {
    transport.write(buffer, handler);
  }

  @Override
  public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> handler, WriterInfo info) {
    if (info != null && info.getMessageType() == WriterInfo.MessageType.CLOSE) closeFrameWritten = true;
    transport.write(buffer, handler, info);
  }

  @Override
  public void close() {
    if (serverStarted && !atOnce && lingering.compareAndSet(false, true)) {
      try {
        deadline = timer.schedule(this::closeTransport, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (RejectedExecutionException stopping) {
        // the application is stopping: close now
      }
    }
    closeTransport();
  }

  private void closeTransport() {
    if (!closed.compareAndSet(false, true)) return;
    ScheduledFuture<?> d = deadline;
    if (d != null) d.cancel(false);
    try {
      transport.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Close failed", e);
    }
  }
}
