package org.anonchat.realtime.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything one scenario sent and what came back: acks, rejections and deliveries, keyed by
 * clientMessageId, with latencies per phase. Fed by the clients' listener threads.
 */
final class Ledger {

  /** One measured stretch of a scenario; each message counts in the phase it was sent in. */
  static final class Phase {
    final String name;
    final Latencies ack = new Latencies();
    final Latencies delivery = new Latencies();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder deliveries = new LongAdder();
    final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAck = new AtomicLong(Long.MIN_VALUE);
    final AtomicLong lastDelivery = new AtomicLong(Long.MIN_VALUE);
    final Timeline timeline;

    Phase(String name, long bucketMillis) {
      this.name = name;
      this.timeline = new Timeline(System.nanoTime(), bucketMillis);
    }

    /** Acks per second from the first send to the last ack. */
    double ackRate() {
      return rate(acked.sum(), lastAck.get());
    }

    /** Deliveries (every measured member, sender included) per second from the first send to the last delivery. */
    double deliveryRate() {
      return rate(deliveries.sum(), lastDelivery.get());
    }

    double seconds() {
      long end = Math.max(lastAck.get(), lastDelivery.get());
      return firstSend.get() == Long.MAX_VALUE || end == Long.MIN_VALUE ? 0 : (end - firstSend.get()) / 1e9;
    }

    private double rate(long count, long end) {
      if (count == 0 || end == Long.MIN_VALUE) return 0;
      return count / Math.max(1e-9, (end - firstSend.get()) / 1e9);
    }
  }

  static final class Sent {
    final String clientMessageId;
    final String roomId;
    final BenchClient sender;
    final long nanos;
    final Phase phase;
    volatile String messageId;
    volatile long seq = -1;
    volatile String rejection;

    Sent(String clientMessageId, String roomId, BenchClient sender, long nanos, Phase phase) {
      this.clientMessageId = clientMessageId;
      this.roomId = roomId;
      this.sender = sender;
      this.nanos = nanos;
      this.phase = phase;
    }

    boolean acked() {
      return messageId != null;
    }

    /** The ack's own String when {@code id} equals it, so that every member's record of this message can share it. */
    String sharedMessageId(String id) {
      String acked = messageId;
      return id.equals(acked) ? acked : id;
    }
  }

  private final long bucketMillis;
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final Map<String, Queue<Sent>> byRoom = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final List<String> anomalies = Collections.synchronizedList(new ArrayList<>());
  private final List<Phase> phases = Collections.synchronizedList(new ArrayList<>());
  private volatile Phase phase;

  /** {@code bucketMillis}: the width of the latency-over-time buckets. */
  Ledger(long bucketMillis) {
    this.bucketMillis = bucketMillis;
    phase("setup");
  }

  Ledger() {
    this(1000);
  }

  Phase phase(String name) {
    Phase next = new Phase(name, bucketMillis);
    phases.add(next);
    phase = next;
    return next;
  }

  void sent(String clientMessageId, String roomId, BenchClient sender, long nanos) {
    Phase p = phase;
    Sent s = new Sent(clientMessageId, roomId, sender, nanos, p);
    sent.put(clientMessageId, s);
    byRoom.computeIfAbsent(roomId, k -> new ConcurrentLinkedQueue<>()).add(s);
    p.sent.increment();
    p.firstSend.accumulateAndGet(nanos, Math::min);
  }

  /** Records an ack; false if it answers nothing this ledger sent (or answers it twice). */
  boolean acked(String clientMessageId, String messageId, long seq, boolean duplicate, long now) {
    Sent s = clientMessageId == null ? null : sent.get(clientMessageId);
    if (s == null || s.acked()) {
      anomaly("ack for unknown or already acknowledged clientMessageId " + clientMessageId);
      return false;
    }
    if (duplicate) anomaly("server flagged a first send as duplicate: " + clientMessageId);
    s.seq = seq;
    s.messageId = messageId;
    s.phase.ack.add(now - s.nanos);
    s.phase.acked.increment();
    s.phase.lastAck.accumulateAndGet(now, Math::max);
    return true;
  }

  /** Records a delivery; returns what was sent, or null (an anomaly) if this ledger sent no such message. */
  Sent delivered(BenchClient to, String clientMessageId, long now) {
    Sent s = clientMessageId == null ? null : sent.get(clientMessageId);
    if (s == null) {
      anomaly("message with unknown clientMessageId " + clientMessageId + " at " + to.name);
      return null;
    }
    if (!to.measured()) return s;
    s.phase.deliveries.increment();
    s.phase.lastDelivery.accumulateAndGet(now, Math::max);
    if (s.sender != to) {
      s.phase.delivery.add(now - s.nanos);
      s.phase.timeline.add(now, now - s.nanos);
    }
    return s;
  }

  /** An error frame; true if it rejects one of our pending sends (whose window slot is then free). */
  boolean rejected(String ref, String code, String message) {
    error(code + ": " + message);
    Sent s = ref == null ? null : sent.get(ref);
    if (s == null || s.acked() || s.rejection != null) return false;
    s.rejection = code;
    s.phase.rejected.increment();
    return true;
  }

  void error(String what) {
    errors.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  void anomaly(String what) {
    if (anomalies.size() < 1000) anomalies.add(what);
    error("anomaly");
  }

  Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  List<String> anomalies() {
    synchronized (anomalies) {
      return List.copyOf(anomalies);
    }
  }

  List<Phase> phases() {
    synchronized (phases) {
      return phases.stream().filter(p -> p.sent.sum() > 0).toList();
    }
  }

  List<Sent> sentTo(String roomId) {
    Queue<Sent> list = byRoom.get(roomId);
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Messages sent to a room that were not rejected: what each member should end up holding. */
  long expected(String roomId) {
    Queue<Sent> list = byRoom.get(roomId);
    return list == null ? 0 : list.stream().filter(s -> s.rejection == null).count();
  }

  long acked() {
    return sent.values().stream().filter(Sent::acked).count();
  }

  Sent get(String clientMessageId) {
    return clientMessageId == null ? null : sent.get(clientMessageId);
  }
}
