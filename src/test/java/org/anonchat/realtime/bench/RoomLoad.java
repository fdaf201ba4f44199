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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Rooms full of benchmark clients: connects and joins them, runs send phases with bounded count and
 * time, waits (bounded) for acks and deliveries to drain, and checks what every member received.
 */
final class RoomLoad implements AutoCloseable {

  static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DRAIN = Duration.ofSeconds(15);
  static final Duration CONNECT = Duration.ofSeconds(60);

  private final Target target;
  private final Ledger ledger;
  private final String runId;
  private final Map<String, List<BenchClient>> rooms = new LinkedHashMap<>();
  private final List<BenchClient> all = new ArrayList<>();

  RoomLoad(Target target, Ledger ledger, String runId) {
    this.target = target;
    this.ledger = ledger;
    this.runId = runId;
  }

  /** Opens {@code count} members in each room, 16 handshakes at a time, and waits (at most a minute) for all joins. */
  void connect(List<String> roomIds, int count, int window) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<BenchClient>> pending = new ArrayList<>();
      for (int r = 0; r < roomIds.size(); r++) {
        String roomId = roomIds.get(r);
        rooms.putIfAbsent(roomId, new ArrayList<>());
        for (int m = 0; m < count; m++) {
          String name = "r" + r + "-m" + m;
          pending.add(pool.submit(() -> member(roomId, name, window)));
        }
      }
      long deadline = System.nanoTime() + CONNECT.toNanos();
      for (Future<BenchClient> f : pending) f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Opens one member and joins it; it is listed in its room (and so checked) from now on. */
  BenchClient member(String roomId, String name, int window) throws Exception {
    BenchClient c = BenchClient.open(target, name, ledger, window, STEP_TIMEOUT);
    synchronized (this) {
      all.add(c);
    }
    c.join(roomId, STEP_TIMEOUT);
    synchronized (this) {
      rooms.get(roomId).add(c);
    }
    return c;
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

  List<BenchClient> members(String roomId) {
    return rooms.get(roomId);
  }

  int connections() {
    return all.size();
  }

  /** What a send phase did: messages sent, whether it hit the time cap or stopped early, and what went wrong. */
  record Sending(int sent, boolean capped, boolean stoppedEarly, List<String> failures) {}

  /**
   * The first {@code senders} members of each room send {@code perSender} messages each, as fast as their
   * windows allow, until done, {@code maxTime} is up or {@code stop} holds; then waits (bounded) for the
   * acks and the deliveries.
   */
  Sending sendPhase(int senders, int perSender, int contentBytes, Duration maxTime, BooleanSupplier stop) throws Exception {
    long deadline = System.nanoTime() + maxTime.toNanos();
    List<BenchClient> sending = new ArrayList<>();
    List<String> sendingRoom = new ArrayList<>();
    rooms.forEach((roomId, members) -> members.stream().limit(senders).forEach(c -> {
      sending.add(c);
      sendingRoom.add(roomId);
    }));
    ExecutorService pool = Executors.newFixedThreadPool(sending.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    String phase = Integer.toString(ledger.phases().size(), 36);
    for (int i = 0; i < sending.size(); i++) {
      BenchClient c = sending.get(i);
      String roomId = sendingRoom.get(i);
      String prefix = runId + "-" + phase + "-" + c.name + "-";
      results.add(pool.submit(() -> {
        start.await();
        int n = 0;
        while (n < perSender && !stop.getAsBoolean() && c.send(roomId, prefix + n, content(prefix + n, contentBytes), deadline)) n++;
        return n;
      }));
    }
    start.countDown();
    int total = 0;
    try {
      for (Future<Integer> f : results) total += f.get(maxTime.toMillis() + 15_000, TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
    }
    boolean stopped = stop.getAsBoolean();
    boolean capped = !stopped && total < sending.size() * perSender;
    List<String> failures = new ArrayList<>();
    long drainDeadline = System.nanoTime() + DRAIN.toNanos();
    for (BenchClient c : sending) {
      if (!c.awaitInFlight(drainDeadline)) failures.add(c.name + ": acks still missing after " + DRAIN.toSeconds() + " s");
    }
    if (!awaitDeliveries(drainDeadline)) failures.add("deliveries still missing after " + DRAIN.toSeconds() + " s");
    return new Sending(total, capped, stopped, failures);
  }

  /** Waits until each open member holds as many messages as were sent to its room. */
  private boolean awaitDeliveries(long deadlineNanos) throws InterruptedException {
    while (true) {
      boolean done = true;
      for (var room : rooms.entrySet()) {
        long expected = ledger.sentTo(room.getKey()).stream().filter(s -> s.rejection == null).count();
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
  List<String> verify(BenchClient except) {
    List<String> failures = new ArrayList<>();
    rooms.forEach((roomId, members) -> failures.addAll(Verdict.room(ledger, roomId,
        members.stream().filter(c -> c != except).toList())));
    return failures;
  }

  private static String content(String id, int bytes) {
    StringBuilder b = new StringBuilder(Math.max(bytes, id.length() + 6)).append("bench ").append(id).append(' ');
    while (b.length() < bytes) b.append('x');
    return b.toString();
  }

  @Override
  public void close() {
    List<CompletableFuture<?>> closing = new ArrayList<>();
    synchronized (this) {
      all.forEach(c -> closing.add(c.closeAsync()));
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      synchronized (this) {
        all.forEach(BenchClient::abort);
      }
    }
  }
}
