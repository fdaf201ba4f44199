package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.anonchat.realtime.connections.entity.ClientCommand;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.scheduling.Sweeps;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The abuse limits (seed-protocol.md §5.15: the original had none): token buckets per connection for
 * frames, messages, typing and receipts, a message bucket per user across all of the user's tabs, caps on
 * connections per user and per client address, a deadline for authenticating, and a close with 1008 for
 * a connection whose frames keep being refused. docs/protocol.md, "Abuse limits", has the numbers.
 */
@ApplicationScoped
public class AbuseLimits {

  static final CloseReason OFFENDER = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many refused frames");
  static final CloseReason AUTH_TIMEOUT = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "authentication timeout");
  static final CloseReason ADDRESS_FULL =
      new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many connections from this address");

  @Inject @ConfigProperty(name = "chat.rate.messages-per-second", defaultValue = "5") double messagesPerSecond;
  @Inject @ConfigProperty(name = "chat.rate.message-burst", defaultValue = "10") int messageBurst;
  @Inject @ConfigProperty(name = "chat.rate.user-messages-per-second", defaultValue = "5") double userMessagesPerSecond;
  @Inject @ConfigProperty(name = "chat.rate.user-message-burst", defaultValue = "10") int userMessageBurst;
  @Inject @ConfigProperty(name = "chat.rate.typing-per-second", defaultValue = "2") double typingPerSecond;
  @Inject @ConfigProperty(name = "chat.rate.typing-burst", defaultValue = "5") int typingBurst;
  @Inject @ConfigProperty(name = "chat.rate.receipts-per-second", defaultValue = "50") double receiptsPerSecond;
  @Inject @ConfigProperty(name = "chat.rate.receipt-burst", defaultValue = "200") int receiptBurst;
  @Inject @ConfigProperty(name = "chat.rate.frames-per-second", defaultValue = "100") double framesPerSecond;
  @Inject @ConfigProperty(name = "chat.rate.frame-burst", defaultValue = "200") int frameBurst;
  @Inject @ConfigProperty(name = "chat.abuse.max-violations", defaultValue = "20") int maxViolations;
  @Inject @ConfigProperty(name = "chat.abuse.violations-forgiven-per-second", defaultValue = "1") double violationsForgiven;
  @Inject @ConfigProperty(name = "chat.connection.max-per-user", defaultValue = "10") int maxPerUser;
  @Inject @ConfigProperty(name = "chat.connection.max-per-address", defaultValue = "100") int maxPerAddress;
  @Inject @ConfigProperty(name = "chat.connection.auth-timeout-ms", defaultValue = "10000") long authTimeoutMillis;

  @Inject Connections connections;
  @Inject Sweeps sweeps;

  private final Map<String, RateLimit> userMessages = new ConcurrentHashMap<>();
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    sweeps.every(Math.max(50, Math.min(1000, authTimeoutMillis / 4)), "Authentication deadline", this::closeUnauthenticated);
    sweeps.every(60_000, "Idle user rate buckets", this::forgetFullBuckets);
  }

  ConnectionLimits newConnection() {
    long now = System.nanoTime();
    return new ConnectionLimits(new RateLimit(framesPerSecond, frameBurst, now),
        new RateLimit(messagesPerSecond, messageBurst, now), new RateLimit(typingPerSecond, typingBurst, now),
        new RateLimit(receiptsPerSecond, receiptBurst, now), new RateLimit(violationsForgiven, maxViolations, now));
  }

  /** Every frame costs a frame token; typing and receipts also cost one of their own kind. */
  void admit(Connection c, ClientCommand command) {
    long now = System.nanoTime();
    ConnectionLimits l = c.limits();
    if (!l.frames.tryAcquire(now)) throw limited("too many frames; slow down");
    if (command instanceof ClientCommand.Typing || command instanceof ClientCommand.StopTyping) {
      if (!l.typing.tryAcquire(now)) throw limited("too many typing updates; slow down");
    } else if (command instanceof ClientCommand.MessageDelivered || command instanceof ClientCommand.MessageRead
        || command instanceof ClientCommand.MarkRead) {
      if (!l.receipts.tryAcquire(now)) throw limited("too many receipts; slow down");
    }
  }

  /** A send, edit or delete: one token from the connection's bucket and one from the user's. */
  void message(Connection c, String userId, String refusal) {
    long now = System.nanoTime();
    if (!c.limits().messages.tryAcquire(now)) throw limited(refusal);
    RateLimit user = userMessages.computeIfAbsent(userId, k -> new RateLimit(userMessagesPerSecond, userMessageBurst, now));
    if (!user.tryAcquire(now)) throw limited(refusal + " (all of this user's connections together)");
  }

  /** Counts a refused frame; true when the connection has used up its allowance and must be closed. */
  boolean offended(Connection c) {
    return !c.limits().violations.tryAcquire(System.nanoTime());
  }

  /** Refuses an auth that would give the user more than the allowed number of connections. */
  void checkUserConnections(Connection c, String userId) {
    if (userId.equals(c.userId())) return;
    if (connections.ofUser(userId).size() >= maxPerUser) {
      throw new ProtocolException(ErrorCode.TOO_MANY_CONNECTIONS,
          "this user already has " + maxPerUser + " connections; close one first");
    }
  }

  /** Counts a new connection from {@code address}; false (not counted) if that address is at its cap. */
  boolean admitAddress(String address) {
    if (address == null || maxPerAddress <= 0) return true;
    boolean[] admitted = {false};
    perAddress.compute(address, (k, n) -> {
      int count = n == null ? 0 : n;
      if (count >= maxPerAddress) return n;
      admitted[0] = true;
      return count + 1;
    });
    return admitted[0];
  }

  void releaseAddress(String address) {
    if (address == null || maxPerAddress <= 0) return;
    perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
  }

  void closeUnauthenticated() {
    long now = System.nanoTime();
    long deadline = TimeUnit.MILLISECONDS.toNanos(authTimeoutMillis);
    for (Connection c : connections.all()) {
      if (c.identity() == null && c.ageNanos(now) > deadline) c.close(AUTH_TIMEOUT);
    }
  }

  void forgetFullBuckets() {
    long now = System.nanoTime();
    userMessages.values().removeIf(bucket -> bucket.isFull(now));
  }

  private static ProtocolException limited(String message) {
    return new ProtocolException(ErrorCode.RATE_LIMITED, message);
  }
}
