package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Graceful stop (server shutdown or undeploy): stop taking frames, let the ones being carried out finish (a
 * post being committed gets its ack), let outboxes drain, then close every socket with 1001 (going away),
 * which tells clients to reconnect at once rather than back off. Frames that arrive once the stop began are
 * not carried out and not acknowledged; clients resend them after reconnecting (idempotent by
 * clientMessageId), so nothing a client was told is stored can be lost.
 */
@ApplicationScoped
public class Shutdown {

  private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());
  static final CloseReason GOING_AWAY = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");

  @Inject
  Connections connections;

  @Inject
  @ConfigProperty(name = "chat.shutdown.drain-ms", defaultValue = "5000")
  long drainMillis;

  private volatile boolean stopping;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Call before carrying out a frame; false once the stop began. Pair a true with {@link #finished()}. */
  public boolean begin() {
    inFlight.incrementAndGet();
    if (!stopping) return true;
    inFlight.decrementAndGet();
    return false;
  }

  /**
   * Keeps the stop waiting for work that outlives its frame (a post is acknowledged after its commit, on
   * another thread). Only call while carrying out a frame that {@link #begin()} admitted; pair with
   * {@link #finished()}.
   */
  public void hold() {
    inFlight.incrementAndGet();
  }

  public void finished() {
    inFlight.decrementAndGet();
  }

  /** Runs while the application's beans still work, before the container tears the sockets down. */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
    awaitUntil(deadline, () -> inFlight.get() == 0);
    awaitUntil(deadline, () -> connections.all().stream().allMatch(Connection::drained));
    int open = connections.all().size();
    connections.all().forEach(c -> c.close(GOING_AWAY));
    LOG.info("Closed " + open + " connections with 1001 (going away)");
  }

  /** A bounded poll: shutdown has no event to wait on, and its waits are short and rare. */
  private static void awaitUntil(long deadline, java.util.function.BooleanSupplier done) {
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
