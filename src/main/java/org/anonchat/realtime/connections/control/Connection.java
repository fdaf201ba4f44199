package org.anonchat.realtime.connections.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.identity.entity.Challenge;
import org.anonchat.realtime.identity.entity.Identity;

/**
 * One open socket: who it speaks for, which rooms it joined, and its outbox.
 *
 * <p>Sending never blocks the caller. Frames queue here and go out one at a time through the async
 * remote (the WebSocket API forbids overlapping sends on one session); a peer that lets more than the
 * configured number of frames pile up is cut off rather than slowing a room down.
 */
public final class Connection {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  /**
   * The context class loader while a frame is handed to Tyrus. Tyrus restarts the session's idle timer on
   * every send by scheduling on Payara's managed scheduler, whose context capture runs a ServiceLoader
   * lookup through the thread's context class loader: through the web app's loader that scans the entries
   * of every jar of the server, once per frame, and took 69% of the server's CPU in the fan-out benchmark
   * (docs/performance.md). Through this loader (no parent but the JDK's own) the lookup is cheap. The idle
   * timer's task is Tyrus code and needs no application class.
   */
  private static final ClassLoader NO_SERVICE_PROVIDERS = new ClassLoader(null) {};
  static final CloseReason SLOW_CONSUMER =
      new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "send queue overflow: reading too slowly");

  private final String id;
  private final Session session;
  private final int maxQueued;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<String> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ConnectionLimits limits;
  private final String clientAddress;
  private final long openedNanos = System.nanoTime();
  private final AtomicReference<Challenge> challenge = new AtomicReference<>();
  private volatile Thread drainer;
  private volatile Identity identity;
  private volatile long lastHeardNanos = System.nanoTime();
  private final long openedAt = System.currentTimeMillis();

  Connection(String id, Session session, int maxQueued, ConnectionLimits limits, String clientAddress) {
    this.id = id;
    this.session = session;
    this.maxQueued = maxQueued;
    this.limits = limits;
    this.clientAddress = clientAddress;
  }

  /** Queues a frame; false if the connection is closing or was just cut off for falling behind. */
  public boolean send(String frame) {
    if (closing.get()) return false;
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      close(SLOW_CONSUMER);
      return false;
    }
    outbox.add(frame);
    drain();
    return true;
  }

  private void drain() {
    while (sending.compareAndSet(false, true)) {
      String next = outbox.poll();
      if (next == null) {
        sending.set(false);
        if (outbox.isEmpty()) return;
        continue; // a frame arrived between poll and reset
      }
      queued.decrementAndGet();
      Thread thread = Thread.currentThread();
      ClassLoader loader = thread.getContextClassLoader();
      drainer = thread;
      thread.setContextClassLoader(NO_SERVICE_PROVIDERS);
      try {
        session.getAsyncRemote().sendText(next, this::sent);
      } catch (RuntimeException e) {
        thread.setContextClassLoader(loader);
        drainer = null;
        failed(e);
        return;
      } finally {
        thread.setContextClassLoader(loader);
      }
      drainer = null;
      // If the send completed synchronously, sent() cleared the flag and this loop sends the next frame;
      // otherwise the completion handler drains later (no recursion either way).
    }
  }

  private void sent(SendResult result) {
    if (!result.isOK()) {
      Thread thread = Thread.currentThread();
      ClassLoader loader = thread.getContextClassLoader();
      // Completed inside sendText: closing runs the endpoint's close callback, which needs the app's loader.
      if (loader == NO_SERVICE_PROVIDERS) thread.setContextClassLoader(Connection.class.getClassLoader());
      try {
        failed(result.getException());
      } finally {
        thread.setContextClassLoader(loader);
      }
      return;
    }
    boolean nested = drainer == Thread.currentThread();
    sending.set(false);
    if (!nested) drain();
  }

  private void failed(Throwable e) {
    LOG.log(Level.FINE, "Send failed on " + id, e);
    outbox.clear();
    queued.set(0);
    close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
  }

  /** Closes once; the endpoint's close callback then cleans up like any disconnect. */
  public void close(CloseReason reason) {
    if (!closing.compareAndSet(false, true)) return;
    try {
      session.close(reason);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Close failed on " + id, e);
    }
  }

  /** Nothing queued or being written. */
  boolean drained() {
    return queued.get() == 0 && !sending.get();
  }

  public void heard() {
    lastHeardNanos = System.nanoTime();
  }

  long silentNanos(long now) {
    return now - lastHeardNanos;
  }

  Session session() {
    return session;
  }

  public String id() {
    return id;
  }

  public Identity identity() {
    return identity;
  }

  void identity(Identity identity) {
    this.identity = identity;
  }

  public String userId() {
    Identity i = identity;
    return i == null ? null : i.userId();
  }

  public Set<String> rooms() {
    return rooms;
  }

  ConnectionLimits limits() {
    return limits;
  }

  /** The peer's IP address as the container saw it, or null where the container does not tell. */
  String clientAddress() {
    return clientAddress;
  }

  long ageNanos(long now) {
    return now - openedNanos;
  }

  /** Replaces the wallet-proof nonce; an earlier one is no longer accepted. */
  public void challenge(Challenge next) {
    challenge.set(next);
  }

  /** Takes the nonce for one proof attempt: whatever the outcome, it cannot be used again. */
  public Challenge takeChallenge() {
    return challenge.getAndSet(null);
  }

  /** When the socket opened (epoch ms), for operators. */
  public long openedAt() {
    return openedAt;
  }

  /**
   * The peer's address as the server saw it, for operators. The WebSocket API has no accessor for it; Tyrus
   * (Payara, GlassFish) offers {@code getRemoteAddr()} on its session, so it is read reflectively.
   */
  public String remoteAddress() {
    try {
      Object address = session.getClass().getMethod("getRemoteAddr").invoke(session);
      return address == null ? "unknown" : address.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown";
    }
  }

  public boolean isOpen() {
    return !closing.get() && session.isOpen();
  }
}
