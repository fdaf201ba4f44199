package org.anonchat.realtime.connections.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Sending never blocks the caller. Frames queue here; a flusher thread ({@link Flushers}) writes them
 * through the socket's {@link FrameWriter} with at most one write in flight (the WebSocket API forbids
 * overlapping sends on one session), each write carrying everything queued since the last one when the
 * writer allows it, so a busy socket costs one flush per batch rather than per frame. A peer that lets more than the configured number of frames pile up is
 * cut off rather than slowing a room down (decision 0003).
 */
public final class Connection {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  static final CloseReason SLOW_CONSUMER =
      new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "send queue overflow: reading too slowly");

  private final String id;
  private final Session session;
  private final FrameWriter writer;
  private final Executor flusher;
  private final Runnable flushTask = this::flush;
  private final int maxQueued;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<OutboundFrame> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean opened;
  private volatile CloseReason pendingClose;
  private volatile long closeRequestedNanos;
  private final ConnectionLimits limits;
  private final String clientAddress;
  private final long openedNanos = System.nanoTime();
  private final AtomicReference<Challenge> challenge = new AtomicReference<>();
  private volatile Identity identity;
  private volatile long lastHeardNanos = System.nanoTime();
  private final long openedAt = System.currentTimeMillis();

  Connection(String id, Session session, FrameWriter writer, Executor flusher, int maxQueued, ConnectionLimits limits,
      String clientAddress) {
    this.id = id;
    this.session = session;
    this.writer = writer;
    this.flusher = flusher;
    this.maxQueued = maxQueued;
    this.limits = limits;
    this.clientAddress = clientAddress;
  }

  /** Queues a frame; false if the connection is closing or was just cut off for falling behind. */
  public boolean send(String frame) {
    return send(OutboundFrame.of(frame));
  }

  /** Queues a frame that may be shared with other connections (a broadcast is encoded once). */
  public boolean send(OutboundFrame frame) {
    if (closing.get()) return false;
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      closeNow(SLOW_CONSUMER); // it is not reading: flushing first would never end
      return false;
    }
    outbox.add(frame);
    schedule();
    return true;
  }

  /**
   * Queues several frames, to go out together; false, with none queued, if the connection is closing or they
   * would put it over its limit, which cuts it off.
   */
  public boolean sendAll(List<OutboundFrame> frames) {
    if (closing.get()) return false;
    if (queued.addAndGet(frames.size()) > maxQueued) {
      queued.addAndGet(-frames.size());
      closeNow(SLOW_CONSUMER);
      return false;
    }
    outbox.addAll(frames);
    schedule();
    return true;
  }

  /**
   * Call once, at the end of the endpoint's open callback, on the thread that is completing the upgrade: writes
   * what was queued so far from this thread, then lets the flushers take over. Until now nothing was written:
   * Grizzly's response buffer is not thread-safe while the upgrade is being committed, and a frame written from
   * another thread in that window went out before the 101 response (the client then failed the handshake). The
   * first write from this thread commits the response first; after it, any thread may write.
   */
  public void opened() {
    boolean mine = sending.compareAndSet(false, true); // before "opened": no other thread can have taken it
    opened = true;
    if (mine) flush();
  }

  /** Puts the connection in the flushers' line unless it is there already or has a write in flight. */
  private void schedule() {
    if (!opened) return; // opened() writes what queued meanwhile
    if (!sending.compareAndSet(false, true)) return;
    try {
      flusher.execute(flushTask);
    } catch (RejectedExecutionException e) { // undeployed: nothing will write any more
      failed(e);
    }
  }

  /** On a flusher thread: one write of everything queued (up to the writer's limit), or the pending close. */
  private void flush() {
    if (session != null && !session.isOpen()) { // closed under us (by the peer or the container)
      dropQueued();
      sending.set(false);
      return;
    }
    List<OutboundFrame> batch = takeQueued();
    if (batch.isEmpty()) {
      if (pendingClose != null) finishClose();
      else idle();
      return;
    }
    try {
      writer.write(batch, this::written);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private List<OutboundFrame> takeQueued() {
    OutboundFrame first = outbox.poll();
    if (first == null) return List.of();
    queued.decrementAndGet();
    int max = writer.maxFrames();
    if (max == 1 || outbox.isEmpty()) return List.of(first);
    List<OutboundFrame> batch = new ArrayList<>(Math.min(max, 16));
    batch.add(first);
    for (OutboundFrame next; batch.size() < max && (next = outbox.poll()) != null; ) {
      queued.decrementAndGet();
      batch.add(next);
    }
    return batch;
  }

  /**
   * The write finished (maybe inside {@code write}, maybe later on a container thread). What queued meanwhile
   * goes back in line rather than out at once, so it can gather more frames for one write.
   */
  private void written(Throwable failure) {
    if (failure != null) {
      failed(failure);
    } else if (outbox.isEmpty()) {
      if (pendingClose != null) finishClose();
      else idle();
    } else {
      try {
        flusher.execute(flushTask);
      } catch (RejectedExecutionException e) {
        failed(e);
      }
    }
  }

  private void idle() {
    sending.set(false);
    if (!outbox.isEmpty()) schedule(); // a frame arrived after the check: its sender saw "sending" and left it
  }

  private void failed(Throwable e) {
    LOG.log(Level.FINE, "Send failed on " + id, e);
    closeNow(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
  }

  /**
   * Closes once, after the frames already queued: an error that explains the close (BANNED, too many refused
   * frames) reaches the client before the close frame, and nothing is sent after it (RFC 6455 §5.5.1). Frames
   * offered after this call are refused. The endpoint's close callback then cleans up like any disconnect.
   */
  public void close(CloseReason reason) {
    if (!closing.compareAndSet(false, true)) return;
    closeRequestedNanos = System.nanoTime();
    pendingClose = reason;
    if (sending.compareAndSet(false, true)) flush(); // nothing in flight: write what is queued, then close
    // else the write in flight completes, the rest is written and the last completion closes
  }

  /** Closes at once, dropping what is queued: for peers that do not read, or whose socket failed. */
  public void closeNow(CloseReason reason) {
    closing.set(true);
    pendingClose = null;
    dropQueued();
    sending.set(false); // nothing will be written any more: a graceful stop must not wait for this connection
    if (FrameWriters.TYRUS_SPI && session != null) LingeringClose.closeAtOnce(session); // its answer will not come
    closeSession(reason);
  }

  /** How long a close has been waiting for queued frames to be written; 0 if none is pending. */
  long closePendingNanos(long now) {
    return pendingClose == null ? 0 : now - closeRequestedNanos;
  }

  private void dropQueued() {
    outbox.clear();
    queued.set(0);
  }

  /** Everything queued before the close is written: now the close frame. */
  private void finishClose() {
    closeSession(pendingClose);
    sending.set(false);
  }

  private void closeSession(CloseReason reason) {
    if (!closed.compareAndSet(false, true)) return;
    try {
      if (session != null) session.close(reason);
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
