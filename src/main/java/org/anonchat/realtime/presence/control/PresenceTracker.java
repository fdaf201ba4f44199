package org.anonchat.realtime.presence.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anonchat.realtime.presence.entity.PresenceChanged;
import org.anonchat.realtime.presence.entity.PresenceStatus;

/**
 * Presence per user across all of the user's connections. Online while any connection is online, away
 * while every connection is away, offline only once the last connection has been gone for the grace
 * period. Pure state with explicit times; callers serialise access. Each method returns the change
 * others must hear, if any.
 */
public class PresenceTracker {

  private final long graceMillis;
  private final Map<String, User> users = new HashMap<>();

  public PresenceTracker(long graceMillis) {
    this.graceMillis = graceMillis;
  }

  private static final class User {
    String displayName;
    String walletAddress;
    final Map<String, PresenceStatus> connections = new HashMap<>(2);
    PresenceStatus shown = PresenceStatus.OFFLINE;
    long lastSeen;
    long offlineAt = Long.MAX_VALUE;

    PresenceStatus aggregate() {
      if (connections.isEmpty()) return shown; // unchanged until the grace period ends
      return connections.containsValue(PresenceStatus.ONLINE) ? PresenceStatus.ONLINE : PresenceStatus.AWAY;
    }

    PresenceChanged view() {
      return new PresenceChanged(null, displayName, walletAddress, shown, lastSeen);
    }
  }

  public Optional<PresenceChanged> connect(String userId, String displayName, String connectionId, long now) {
    return connect(userId, displayName, null, connectionId, now);
  }

  /** A proven {@code walletAddress} is remembered for the user; null leaves the known one. */
  public Optional<PresenceChanged> connect(String userId, String displayName, String walletAddress, String connectionId,
      long now) {
    User user = users.computeIfAbsent(userId, k -> new User());
    user.displayName = displayName;
    if (walletAddress != null) user.walletAddress = walletAddress;
    user.connections.put(connectionId, PresenceStatus.ONLINE);
    user.offlineAt = Long.MAX_VALUE;
    return settle(userId, user, now);
  }

  /**
   * The connection is gone. If it was the user's last, offline is due after the grace period (nothing
   * changes yet); otherwise the remaining connections decide (the online tab closed, an away one is left).
   */
  public Optional<PresenceChanged> disconnect(String userId, String connectionId, long now) {
    User user = users.get(userId);
    if (user == null || user.connections.remove(connectionId) == null) return Optional.empty();
    if (user.connections.isEmpty()) {
      user.offlineAt = now + graceMillis;
      return Optional.empty();
    }
    return settle(userId, user, now);
  }

  public Optional<PresenceChanged> setStatus(String userId, String connectionId, PresenceStatus status, long now) {
    User user = users.get(userId);
    if (user == null || !user.connections.containsKey(connectionId)) return Optional.empty();
    user.connections.put(connectionId, status);
    return settle(userId, user, now);
  }

  /** Users whose grace period ended: now offline, and forgotten. */
  public List<PresenceChanged> expire(long now) {
    List<PresenceChanged> offline = new ArrayList<>();
    users.entrySet().removeIf(e -> {
      User user = e.getValue();
      if (user.offlineAt > now) return false;
      offline.add(new PresenceChanged(e.getKey(), user.displayName, user.walletAddress, PresenceStatus.OFFLINE, now));
      return true;
    });
    return offline;
  }

  /** A new display name for a known user: the others hear it with the unchanged status. */
  public Optional<PresenceChanged> rename(String userId, String displayName) {
    return rename(userId, displayName, null);
  }

  /** A new display name, or a newly proven wallet, for a known user: the others hear it, status unchanged. */
  public Optional<PresenceChanged> rename(String userId, String displayName, String walletAddress) {
    User user = users.get(userId);
    boolean newWallet = walletAddress != null && !walletAddress.equals(user == null ? null : user.walletAddress);
    if (user == null || (displayName.equals(user.displayName) && !newWallet)) return Optional.empty();
    user.displayName = displayName;
    if (newWallet) user.walletAddress = walletAddress;
    return Optional.of(withId(userId, user.view()));
  }

  /** True while the user has at least one open connection. */
  public boolean isConnected(String userId) {
    User user = users.get(userId);
    return user != null && !user.connections.isEmpty();
  }

  public Optional<PresenceChanged> presenceOf(String userId) {
    User user = users.get(userId);
    return user == null ? Optional.empty() : Optional.of(withId(userId, user.view()));
  }

  public List<PresenceChanged> presenceOf(Collection<String> userIds) {
    List<PresenceChanged> list = new ArrayList<>(userIds.size());
    for (String id : userIds) presenceOf(id).ifPresent(list::add);
    return list;
  }

  private static Optional<PresenceChanged> settle(String userId, User user, long now) {
    PresenceStatus next = user.aggregate();
    if (next == user.shown) return Optional.empty();
    user.shown = next;
    user.lastSeen = now;
    return Optional.of(withId(userId, user.view()));
  }

  private static PresenceChanged withId(String userId, PresenceChanged c) {
    return new PresenceChanged(userId, c.displayName(), c.walletAddress(), c.status(), c.lastSeen());
  }
}
