package org.anonchat.realtime.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread serving many {@link NioTransport}s: it connects them, reads them all through one read
 * buffer and flushes the writes their senders could not finish. Other threads hand it work with
 * {@link #execute}; connections still opening are checked against their deadlines every 100 ms.
 */
final class NioLoop implements AutoCloseable {

  /**
   * A heap buffer, so that a frame read whole goes from its array straight into the UTF-8 decode; the JDK
   * reads into it through its own per-thread direct buffer (one copy either way).
   */
  private static final int READ_BUFFER_BYTES = 256 * 1024;
  private static final long SWEEP_MILLIS = 100;

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Set<NioTransport> opening = new HashSet<>(); // only the loop's thread
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private volatile boolean running = true;

  NioLoop(ThreadFactory threads) throws IOException {
    selector = Selector.open();
    thread = threads.newThread(this::run);
    thread.start();
  }

  /** Runs {@code task} on the loop's thread: now if called there, else after waking the selector. */
  void execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
    } else {
      tasks.add(task);
      selector.wakeup();
    }
  }

  /** Registers a channel that is still connecting (on the loop's thread); its deadline is watched until {@link #settled}. */
  SelectionKey register(SocketChannel channel, NioTransport transport) throws ClosedChannelException {
    opening.add(transport);
    return channel.register(selector, 0, transport);
  }

  /** The transport opened or ended: its connect deadline no longer matters. */
  void settled(NioTransport transport) {
    opening.remove(transport);
  }

  /** The loop's read buffer; only for the loop's thread, and only during one read. */
  ByteBuffer readBuffer() {
    return readBuffer;
  }

  private void run() {
    Throwable failure = null;
    try {
      long nextSweep = System.nanoTime();
      while (running) {
        selector.select(key -> ((NioTransport) key.attachment()).ready(key.readyOps()), opening.isEmpty() ? 0 : SWEEP_MILLIS);
        for (Runnable task; (task = tasks.poll()) != null; ) task.run();
        long now = System.nanoTime();
        if (!opening.isEmpty() && now - nextSweep >= 0) {
          nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
          List.copyOf(opening).forEach(t -> t.expireIfLate(now));
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    } finally {
      // Whatever is still open ends now, so that no future of a connection waits for a loop that is gone.
      Throwable cause = failure != null ? failure : new ClosedChannelException();
      List<NioTransport> left = new ArrayList<>();
      selector.keys().forEach(k -> left.add((NioTransport) k.attachment()));
      left.forEach(t -> t.fail(cause));
      try {
        selector.close();
      } catch (IOException e) {
        // nothing left to do with it
      }
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
