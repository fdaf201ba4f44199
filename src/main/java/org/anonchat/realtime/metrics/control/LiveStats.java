package org.anonchat.realtime.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.List;
import org.anonchat.realtime.connections.boundary.Sockets;
import org.anonchat.realtime.metrics.entity.StatsSample;
import org.anonchat.realtime.rooms.control.Rooms;
import org.anonchat.realtime.scheduling.Sweeps;

/**
 * Samples the live figures once a second, keeps the last {@link #HISTORY} samples for the dashboard's chart
 * and announces each new one ({@link StatsSample} event; the admin stream forwards it).
 */
@ApplicationScoped
public class LiveStats {

  /** Ten minutes of one-second samples. */
  public static final int HISTORY = 600;
  static final long PERIOD_MS = 1000;

  @Inject ChatMetrics metrics;
  @Inject Sockets sockets;
  @Inject Rooms rooms;
  @Inject Sweeps sweeps;
  @Inject Event<StatsSample> sampled;

  private final ArrayDeque<StatsSample> history = new ArrayDeque<>(HISTORY);
  private long lastNanos = System.nanoTime();
  private long lastMessages;
  private long lastDeliveries;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    sweeps.every(PERIOD_MS, "Live stats sample", this::sample);
  }

  void sample() {
    StatsSample s = next();
    synchronized (history) {
      if (history.size() == HISTORY) history.removeFirst();
      history.addLast(s);
    }
    sampled.fire(s);
  }

  private synchronized StatsSample next() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    long messages = metrics.messagesIn();
    long deliveries = metrics.deliveries();
    long[] p = metrics.fanout().percentiles(50, 95, 99);
    StatsSample s = new StatsSample(System.currentTimeMillis(), sockets.count(), sockets.usersOnline(),
        rooms.memberCounts().size(), (messages - lastMessages) / seconds, (deliveries - lastDeliveries) / seconds,
        messages, deliveries, p[0] / 1000, p[1] / 1000, p[2] / 1000, metrics.fanout().recorded());
    lastNanos = now;
    lastMessages = messages;
    lastDeliveries = deliveries;
    return s;
  }

  /**
   * The figures now: connections, users, rooms and totals counted at this moment; rates and percentiles from
   * the last one-second sample (a rate needs an interval).
   */
  public StatsSample now() {
    StatsSample last;
    synchronized (history) {
      last = history.peekLast();
    }
    long[] p = metrics.fanout().percentiles(50, 95, 99);
    return new StatsSample(System.currentTimeMillis(), sockets.count(), sockets.usersOnline(), rooms.memberCounts().size(),
        last == null ? 0 : last.messagesPerSecond(), last == null ? 0 : last.deliveriesPerSecond(), metrics.messagesIn(),
        metrics.deliveries(), p[0] / 1000, p[1] / 1000, p[2] / 1000, metrics.fanout().recorded());
  }

  public List<StatsSample> history() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }
}
