package org.anonchat.realtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Rooms full of benchmark clients: connects and joins them (recording how long each took to be ready),
 * runs send phases bounded in count and time, either as fast as each sender's window allows or paced at
 * a fixed rate, waits (bounded) for acks and deliveries to drain, and checks what every member received.
 */
final class RoomLoad implements AutoCloseable {

  static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);
  /** How long a send phase waits for outstanding acks and deliveries; {@code --drain-s} changes it. */
  static volatile Duration drain = Duration.ofSeconds(30);
  static final Duration CONNECT = Duration.ofSeconds(90);

  private final Target target;
  private final Ledger ledger;
  private final String runId;
  private final Map<String, List<BenchClient>> rooms = new LinkedHashMap<>();
  private final List<BenchClient> all = new ArrayList<>();
  final Latencies ready = new Latencies();
  private volatile Timeline readyTimeline;

  RoomLoad(Target target, Ledger ledger, String runId) {
    this.target = target;
    this.ledger = ledger;
    this.runId = runId;
  }

  /**
   * Opens {@code count} members in each room, at most {@code parallel} handshakes at a time, and waits
   * (bounded) for all joins. Each member's ready time runs from its connect to its own room_join.
   */
  void connect(List<String> roomIds, int count, int window, int parallel) throws Exception {
    Semaphore inFlight = new Semaphore(parallel);
    long deadline = System.nanoTime() + CONNECT.toNanos();
    List<CompletableFuture<BenchClient>> pending = new ArrayList<>();
    for (int r = 0; r < roomIds.size(); r++) {
      String roomId = roomIds.get(r);
      synchronized (this) {
        rooms.putIfAbsent(roomId, new ArrayList<>());
      }
      for (int m = 0; m < count; m++) {
        if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("connecting took longer than " + CONNECT.toSeconds() + " s");
        }
        pending.add(memberAsync(roomId, runId + "-r" + r + "-m" + m, window).whenComplete((c, e) -> inFlight.release()));
      }
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Opens one member and joins it; it is listed in its room (and so checked) from its room_join on. */
  CompletableFuture<BenchClient> memberAsync(String roomId, String name, int window) {
    long started = System.nanoTime();
    return BenchClient.connect(target, name, ledger, window, STEP_TIMEOUT).thenCompose(c -> {
      synchronized (this) {
        all.add(c);
      }
      return c.joinAsync(roomId, STEP_TIMEOUT).thenApply(v -> {
        long now = System.nanoTime();
        ready.add(now - started);
        Timeline timeline = readyTimeline;
        if (timeline != null) timeline.add(now, now - started);
        synchronized (this) {
          rooms.computeIfAbsent(roomId, k -> new ArrayList<>()).add(c);
        }
        return c;
      });
    });
  }

  /** From now on, ready times are also kept over time (for the chart of a connection ramp). */
  Timeline trackReadyOverTime(long bucketMillis) {
    readyTimeline = new Timeline(System.nanoTime(), bucketMillis);
    return readyTimeline;
  }

  /** Opens and joins a member that the drain and the checks leave out (the slow reader). */
  BenchClient outsider(String roomId, String name, int window) throws Exception {
    BenchClient c = BenchClient.open(target, name, ledger, window, STEP_TIMEOUT);
    synchronized (this) {
      all.add(c);
    }
    c.join(roomId, STEP_TIMEOUT);
    return c;
  }

  synchronized List<BenchClient> members(String roomId) {
    return List.copyOf(rooms.get(roomId));
  }

  synchronized List<String> roomIds() {
    return List.copyOf(rooms.keySet());
  }

  synchronized int connections() {
    return all.size();
  }

  /** What a send phase did: messages sent, sends skipped because a paced sender's window was full, and what went wrong. */
  record Sending(long sent, long skipped, boolean stoppedEarly, List<String> failures) {}

  /**
   * The first {@code senders} members of each room send up to {@code perSender} messages each until
   * {@code duration} is up or {@code stop} holds. With {@code ratePerSender} 0 each sends as fast as its
   * window allows; otherwise each sends that many messages per second (a send that finds the window full
   * is skipped and counted). Then waits (bounded) for the acks and the deliveries.
   */
  Sending sendPhase(int senders, long perSender, int contentBytes, Duration duration, double ratePerSender,
      BooleanSupplier stop) throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    List<BenchClient> sending = new ArrayList<>();
    List<String> sendingRoom = new ArrayList<>();
    synchronized (this) {
      rooms.forEach((roomId, members) -> members.stream().limit(senders).forEach(c -> {
        sending.add(c);
        sendingRoom.add(roomId);
      }));
    }
    String phase = Integer.toString(ledger.phases().size(), 36);
    AtomicLong skipped = new AtomicLong();
    long total = ratePerSender > 0
        ? paced(sending, sendingRoom, perSender, contentBytes, deadline, ratePerSender, stop, phase, skipped)
        : windowed(sending, sendingRoom, perSender, contentBytes, deadline, stop, phase);
    boolean stopped = stop.getAsBoolean();
    List<String> failures = new ArrayList<>();
    long drainDeadline = System.nanoTime() + drain.toNanos();
    int behind = 0;
    for (BenchClient c : sending) {
      if (!c.awaitInFlight(drainDeadline)) behind++;
    }
    // The checks that follow then count these as lost: the server did not keep up with the offered load.
    if (behind > 0) failures.add(behind + " senders still had unacknowledged messages " + drain.toSeconds() + " s after sending stopped");
    if (!awaitDeliveries(drainDeadline)) failures.add("deliveries still missing " + drain.toSeconds() + " s after sending stopped");
    return new Sending(total, skipped.get(), stopped, failures);
  }

  private long windowed(List<BenchClient> sending, List<String> sendingRoom, long perSender, int contentBytes,
      long deadline, BooleanSupplier stop, String phase) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(sending.size(), DaemonThreads.named("bench-sender"));
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (int i = 0; i < sending.size(); i++) {
      BenchClient c = sending.get(i);
      String roomId = sendingRoom.get(i);
      String prefix = runId + "-" + phase + "-" + c.name + "-";
      results.add(pool.submit(() -> {
        start.await();
        long n = 0;
        while (n < perSender && System.nanoTime() < deadline && !stop.getAsBoolean()
            && c.send(roomId, prefix + n, content(prefix + n, contentBytes), deadline)) n++;
        return n;
      }));
    }
    start.countDown();
    long total = 0;
    try {
      long wait = Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15);
      for (Future<Long> f : results) total += f.get(wait, TimeUnit.NANOSECONDS);
    } finally {
      pool.shutdownNow();
    }
    return total;
  }

  private long paced(List<BenchClient> sending, List<String> sendingRoom, long perSender, int contentBytes,
      long deadline, double ratePerSender, BooleanSupplier stop, String phase, AtomicLong skipped) throws Exception {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, DaemonThreads.named("bench-pacer"));
    AtomicLong total = new AtomicLong();
    long periodNanos = (long) (1e9 / ratePerSender);
    for (int i = 0; i < sending.size(); i++) {
      BenchClient c = sending.get(i);
      String roomId = sendingRoom.get(i);
      String prefix = runId + "-" + phase + "-" + c.name + "-";
      AtomicInteger n = new AtomicInteger();
      // A random first send spreads the senders over one period instead of firing them all at once.
      long first = ThreadLocalRandom.current().nextLong(Math.max(1, periodNanos));
      timer.scheduleAtFixedRate(() -> {
        if (n.get() >= perSender || System.nanoTime() >= deadline || stop.getAsBoolean()) return;
        String id = prefix + n.get();
        try {
          if (c.trySend(roomId, id, content(id, contentBytes))) {
            n.incrementAndGet();
            total.incrementAndGet();
          } else {
            skipped.incrementAndGet();
          }
        } catch (Exception e) {
          ledger.error("send failed: " + e);
        }
      }, first, periodNanos, TimeUnit.NANOSECONDS);
    }
    while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
      Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
    timer.shutdownNow();
    timer.awaitTermination(15, TimeUnit.SECONDS);
    return total.get();
  }

  /** Waits until each open member holds as many messages as were sent to its room. */
  private boolean awaitDeliveries(long deadlineNanos) throws InterruptedException {
    while (true) {
      boolean done = true;
      Map<String, List<BenchClient>> snapshot;
      synchronized (this) {
        snapshot = new LinkedHashMap<>(rooms);
      }
      for (var room : snapshot.entrySet()) {
        long expected = ledger.expected(room.getKey());
        for (BenchClient c : room.getValue()) {
          if (!c.closed().isDone() && c.receivedCount(room.getKey()) < expected) done = false;
        }
      }
      if (done) return true;
      if (System.nanoTime() > deadlineNanos) return false;
      Thread.sleep(20);
    }
  }

  /** Checks every room against the ledger; {@code except} (e.g. a slow reader) is checked separately. */
  Verdict.Tally verify(BenchClient except) {
    Verdict.Tally tally = new Verdict.Tally();
    Map<String, List<BenchClient>> snapshot;
    synchronized (this) {
      snapshot = new LinkedHashMap<>(rooms);
    }
    snapshot.forEach((roomId, members) -> tally.add(Verdict.room(ledger, roomId,
        members.stream().filter(c -> c != except).toList())));
    return tally;
  }

  static String content(String id, int bytes) {
    StringBuilder b = new StringBuilder(Math.max(bytes, id.length() + 6)).append("bench ").append(id).append(' ');
    while (b.length() < bytes) b.append('x');
    return b.toString();
  }

  /** Closes every client (close handshake, bounded); returns how long that took in nanoseconds. */
  long closeAll() {
    long started = System.nanoTime();
    List<CompletableFuture<?>> closing = new ArrayList<>();
    List<BenchClient> clients;
    synchronized (this) {
      clients = List.copyOf(all);
    }
    clients.forEach(c -> closing.add(c.closeAsync().thenCompose(x -> c.closed())));
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      clients.forEach(BenchClient::abort);
    }
    return System.nanoTime() - started;
  }

  @Override
  public void close() {
    closeAll();
  }
}
