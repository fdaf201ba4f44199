package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.scheduling.Sweeps;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pings every connection with WebSocket ping frames and closes those silent for longer than the timeout
 * (any frame or pong counts as a sign of life). The original pinged but never gave up on a peer.
 */
@ApplicationScoped
public class Heartbeat {

  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
  static final CloseReason TIMED_OUT = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "heartbeat timeout");
  static final CloseReason CLOSE_STUCK =
      new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "queued frames not read before closing");
  private static final ByteBuffer PING = ByteBuffer.allocate(0);

  @Inject
  @ConfigProperty(name = "chat.heartbeat.interval-ms", defaultValue = "25000")
  long intervalMillis;

  @Inject
  @ConfigProperty(name = "chat.heartbeat.timeout-ms", defaultValue = "60000")
  long timeoutMillis;

  @Inject
  Connections connections;

  @Inject
  Sweeps sweeps;


  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    sweeps.every(intervalMillis, "Heartbeat", this::beat);
  }

  void beat() {
    long now = System.nanoTime();
    long timeout = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Connection connection : connections.all()) {
      try {
        if (connection.silentNanos(now) > timeout) {
          connection.closeNow(TIMED_OUT);
        } else if (connection.closePendingNanos(now) > timeout) {
          connection.closeNow(CLOSE_STUCK); // its close waits behind frames the peer does not read
        } else if (connection.isOpen()) {
          connection.session().getAsyncRemote().sendPing(PING.duplicate());
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "Ping failed on " + connection.id(), e);
      }
    }
  }
}
