package org.anonchat.realtime.messages.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.MessagesPosted;
import org.anonchat.realtime.messages.entity.NewMessage;
import org.anonchat.realtime.messages.entity.Posted;

/**
 * Group commit for posts. Posts to rooms of one lock stripe queue up; whichever caller holds the stripe's
 * lock stores everything queued in one transaction, then announces them (one event, in seq order), and only
 * then lets the next batch start. Every caller returns after the commit that stored its message, so
 * "acknowledged" still means "stored"; under load many posts share one commit instead of waiting for one
 * each. A batch that fails is retried message by message, so one bad post cannot fail the others.
 */
@ApplicationScoped
public class PostQueue {

  private static final Logger LOG = Logger.getLogger(PostQueue.class.getName());
  static final int STRIPES = 64;
  static final int MAX_BATCH = 256;

  @Inject
  Transcript transcript;

  @Inject
  Event<MessagesPosted> posted;

  private final Stripe[] stripes = new Stripe[STRIPES];

  public PostQueue() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe();
  }

  private static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  }

  /** One caller's post; completed under the stripe lock, so plain fields are visible to the caller. */
  private static final class Waiting {
    final NewMessage message;
    Posted result;
    RuntimeException failure;

    Waiting(NewMessage message) {
      this.message = message;
    }

    boolean done() {
      return result != null || failure != null;
    }
  }

  /**
   * Runs {@code action} while no post to this room is between its commit and its announcement: every
   * message committed before is already announced, every later one is announced after {@code action}.
   * That is what lets a joining client read what it missed and then follow live without a gap or a repeat.
   */
  public void exclusive(String roomId, Runnable action) {
    Stripe stripe = stripeOf(roomId);
    stripe.lock.lock();
    try {
      action.run();
    } finally {
      stripe.lock.unlock();
    }
  }

  private Stripe stripeOf(String roomId) {
    return stripes[Math.floorMod(roomId.hashCode(), STRIPES)];
  }

  public Posted post(NewMessage message) {
    Waiting mine = new Waiting(message);
    Stripe stripe = stripeOf(message.roomId());
    stripe.queue.add(mine);
    stripe.lock.lock();
    try {
      while (!mine.done()) commitQueued(stripe);
    } finally {
      stripe.lock.unlock();
    }
    if (mine.failure != null) throw mine.failure;
    return mine.result;
  }

  private void commitQueued(Stripe stripe) {
    List<Waiting> batch = new ArrayList<>();
    for (Waiting w; batch.size() < MAX_BATCH && (w = stripe.queue.poll()) != null; ) batch.add(w);
    try {
      List<Posted> stored = transcript.appendAll(batch.stream().map(w -> w.message).toList(), System.currentTimeMillis());
      for (int i = 0; i < batch.size(); i++) batch.get(i).result = stored.get(i);
    } catch (RuntimeException batchFailed) {
      LOG.log(Level.FINE, "Batch of " + batch.size() + " failed; storing one by one", batchFailed);
      for (Waiting w : batch) {
        try {
          w.result = transcript.appendAll(List.of(w.message), System.currentTimeMillis()).get(0);
        } catch (RuntimeException e) {
          w.failure = e;
        }
      }
    }
    List<ChatMessage> fresh = new ArrayList<>(batch.size());
    for (Waiting w : batch) {
      if (w.result != null && !w.result.duplicate()) fresh.add(w.result.message());
    }
    if (!fresh.isEmpty()) announce(fresh);
  }

  /** One event for the whole commit, so fan-out can hand each socket all of it in one write. */
  private void announce(List<ChatMessage> stored) {
    try {
      posted.fire(new MessagesPosted(List.copyOf(stored)));
    } catch (RuntimeException e) { // a delivery problem must not turn a stored message into a failed post
      LOG.log(Level.WARNING, "Announcing " + stored.size() + " messages from seq " + stored.get(0).seq() + " failed", e);
    }
  }
}
