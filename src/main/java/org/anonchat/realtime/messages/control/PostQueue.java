package org.anonchat.realtime.messages.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.MessagesPosted;
import org.anonchat.realtime.messages.entity.NewMessage;
import org.anonchat.realtime.messages.entity.Posted;

/**
 * Group commit for posts (decisions 0005, 0031). Callers submit and return at once; one committer thread takes
 * everything submitted meanwhile, from every room, stores it in one transaction, announces it (one event, seq
 * order per room) and only then completes each caller's future, so "acknowledged" still means "stored". The
 * busier the server, the more posts share a commit, with no timer: a batch is whatever arrived while the last
 * one was being committed. Because submitting does not wait, one connection can have many posts in flight
 * (its ack window), which a blocking post would serialise to one per commit. A batch that fails is retried
 * message by message, so one bad post cannot fail the others.
 *
 * <p>Rooms hash to lock stripes. The committer holds the stripes of its batch's rooms from commit to
 * announcement (taken in stripe order, so it cannot deadlock with {@link #exclusive}, which takes one).
 */
@ApplicationScoped
public class PostQueue {

  private static final Logger LOG = Logger.getLogger(PostQueue.class.getName());
  static final int STRIPES = 64;
  static final int MAX_BATCH = 256;
  private static final Waiting STOP = new Waiting(null);

  @Inject
  Transcript transcript;

  @Inject
  Event<MessagesPosted> posted;

  @Resource
  ManagedThreadFactory threads;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private Thread committer;

  public PostQueue() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
  }

  private static final class Waiting {
    final NewMessage message;
    final CompletableFuture<Posted> future = new CompletableFuture<>();
    Posted result;
    RuntimeException failure;

    Waiting(NewMessage message) {
      this.message = message;
    }
  }

  @PostConstruct
  void start() {
    committer = threads.newThread(this::commitLoop);
    committer.setName("chat-post-committer");
    committer.start();
  }

  /** At undeploy, after {@code Shutdown} let pending posts finish: stores what is still queued, then ends. */
  @PreDestroy
  void stop() {
    queue.add(STOP);
    try {
      committer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Queues a post; the future completes once it is committed and announced (with the stored message, or the
   * earlier one flagged duplicate), or fails with the reason it could not be stored.
   */
  public CompletableFuture<Posted> submit(NewMessage message) {
    Waiting w = new Waiting(message);
    pending.incrementAndGet();
    queue.add(w);
    return w.future;
  }

  /** Posts and waits for the commit (operators' system messages). Must not be called inside {@link #exclusive}. */
  public Posted post(NewMessage message) {
    try {
      return submit(message).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** Posts submitted and not yet completed. */
  public int pending() {
    return pending.get();
  }

  /**
   * Runs {@code action} while no post to this room is between its commit and its announcement: every
   * message committed before is already announced, every later one is announced after {@code action}.
   * That is what lets a joining client read what it missed and then follow live without a gap or a repeat.
   */
  public void exclusive(String roomId, Runnable action) {
    ReentrantLock lock = stripes[stripeOf(roomId)];
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  private static int stripeOf(String roomId) {
    return Math.floorMod(roomId.hashCode(), STRIPES);
  }

  private void commitLoop() {
    List<Waiting> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (queue.isEmpty()) return; // the container is tearing the thread down and nothing waits
        continue;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      stopping = batch.remove(STOP);
      if (!batch.isEmpty()) commitLocked(batch);
      batch.clear();
    }
  }

  private void commitLocked(List<Waiting> batch) {
    TreeSet<Integer> held = new TreeSet<>();
    for (Waiting w : batch) held.add(stripeOf(w.message.roomId()));
    for (int s : held) stripes[s].lock();
    try {
      commit(batch);
    } catch (RuntimeException | Error e) { // never leave a caller waiting, and keep the committer alive
      LOG.log(Level.SEVERE, "Committing " + batch.size() + " posts failed", e);
      for (Waiting w : batch) {
        if (w.result == null && w.failure == null) w.failure = new IllegalStateException("post not stored", e);
      }
    } finally {
      for (int s : held.descendingSet()) stripes[s].unlock();
    }
    for (Waiting w : batch) {
      pending.decrementAndGet();
      if (w.failure != null) w.future.completeExceptionally(w.failure);
      else w.future.complete(w.result);
    }
  }

  private void commit(List<Waiting> batch) {
    try {
      List<Posted> stored = transcript.appendAll(batch.stream().map(w -> w.message).toList(), System.currentTimeMillis(), false);
      for (int i = 0; i < batch.size(); i++) batch.get(i).result = stored.get(i);
    } catch (RuntimeException batchFailed) {
      LOG.log(Level.FINE, "Batch of " + batch.size() + " failed; storing one by one", batchFailed);
      for (Waiting w : batch) {
        try {
          w.result = transcript.appendAll(List.of(w.message), System.currentTimeMillis(), true).get(0);
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
