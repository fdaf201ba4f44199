package org.anonchat.realtime.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.anonchat.realtime.connections.boundary.Sockets;
import org.anonchat.realtime.connections.entity.ErrorSent;
import org.anonchat.realtime.messages.entity.MessagesPosted;
import org.anonchat.realtime.rooms.control.Rooms;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The application's metrics in the MicroProfile registry (Prometheus at {@code /metrics?scope=application}),
 * plus plain totals the live dashboard turns into rates. docs/admin.md lists every metric.
 */
@ApplicationScoped
public class ChatMetrics {

  /** Room fan-outs whose duration is kept for the dashboard's percentiles. */
  static final int LATENCY_WINDOW = 4096;

  @Inject MetricRegistry registry;
  @Inject Sockets sockets;
  @Inject Rooms rooms;

  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LatencyWindow fanout = new LatencyWindow(LATENCY_WINDOW);
  private Counter messagesInCounter;
  private Counter messagesOutCounter;
  private Counter deliveriesCounter;
  private Timer fanoutTimer;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    registry.gauge(meta("chat_connections", "Open WebSocket connections", MetricUnits.NONE), sockets, Sockets::count);
    registry.gauge(meta("chat_users_online", "Users with at least one authenticated connection", MetricUnits.NONE),
        sockets, Sockets::usersOnline);
    registry.gauge(meta("chat_rooms", "Rooms held in memory (with at least one member)", MetricUnits.NONE),
        rooms, r -> r.memberCounts().size());
    messagesInCounter = registry.counter(meta("chat_messages_in", "Messages stored (sent by users or operators)", MetricUnits.NONE));
    messagesOutCounter = registry.counter(meta("chat_messages_out", "message events queued to connections", MetricUnits.NONE));
    deliveriesCounter = registry.counter(meta("chat_deliveries", "Frames of any event queued to connections by fan-out", MetricUnits.NONE));
    fanoutTimer = registry.timer(meta("chat_fanout", "Time to queue one encoded event to every connection of a room", MetricUnits.NANOSECONDS));
  }

  void posted(@Observes MessagesPosted e) {
    messagesIn.add(e.messages().size());
    if (messagesInCounter != null) messagesInCounter.inc(e.messages().size());
  }

  void errorSent(@Observes ErrorSent e) {
    registry.counter(meta("chat_errors", "error events sent, by code", MetricUnits.NONE), new Tag("code", e.code().name())).inc();
  }

  /** A fan-out queued {@code reached} frames; {@code message} tells whether the event was a chat message. */
  void delivered(int reached, boolean message) {
    deliveries.add(reached);
    if (deliveriesCounter != null) deliveriesCounter.inc(reached);
    if (message && messagesOutCounter != null) messagesOutCounter.inc(reached);
  }

  void fannedOut(long nanos) {
    fanout.record(nanos);
    if (fanoutTimer != null) fanoutTimer.update(Duration.ofNanos(nanos));
  }

  public long messagesIn() {
    return messagesIn.sum();
  }

  public long deliveries() {
    return deliveries.sum();
  }

  public LatencyWindow fanout() {
    return fanout;
  }

  private static Metadata meta(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }
}
