package org.anonchat.realtime.presence.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.anonchat.realtime.presence.entity.PresenceChanged;
import org.anonchat.realtime.presence.entity.PresenceStatus;
import org.anonchat.realtime.scheduling.Sweeps;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Online, away and offline per user on this node; changes leave as {@link PresenceChanged} events. */
@ApplicationScoped
public class Presence {

  @Inject
  @ConfigProperty(name = "chat.presence.grace-ms", defaultValue = "5000")
  long graceMillis;

  @Inject
  Event<PresenceChanged> changed;

  @Inject
  Sweeps sweeps;

  private PresenceTracker tracker;

  @PostConstruct
  void init() {
    tracker = new PresenceTracker(graceMillis);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    sweeps.every(Math.max(50, Math.min(1000, graceMillis / 10)), "Presence expiry", this::expire);
  }

  /** {@code walletAddress}: the wallet this connection proved, shown to room mates; null keeps the known one. */
  public void connected(String userId, String displayName, String walletAddress, String connectionId) {
    Optional<PresenceChanged> change;
    synchronized (tracker) {
      change = tracker.connect(userId, displayName, walletAddress, connectionId, System.currentTimeMillis());
    }
    change.ifPresent(changed::fire);
  }

  public void disconnected(String userId, String connectionId) {
    Optional<PresenceChanged> change;
    synchronized (tracker) {
      change = tracker.disconnect(userId, connectionId, System.currentTimeMillis());
    }
    change.ifPresent(changed::fire);
  }

  public void setStatus(String userId, String connectionId, PresenceStatus status) {
    Optional<PresenceChanged> change;
    synchronized (tracker) {
      change = tracker.setStatus(userId, connectionId, status, System.currentTimeMillis());
    }
    change.ifPresent(changed::fire);
  }

  public void renamed(String userId, String displayName, String walletAddress) {
    Optional<PresenceChanged> change;
    synchronized (tracker) {
      change = tracker.rename(userId, displayName, walletAddress);
    }
    change.ifPresent(changed::fire);
  }

  public boolean isConnected(String userId) {
    synchronized (tracker) {
      return tracker.isConnected(userId);
    }
  }

  public List<PresenceChanged> presenceOf(Collection<String> userIds) {
    synchronized (tracker) {
      return tracker.presenceOf(userIds);
    }
  }

  void expire() {
    List<PresenceChanged> offline;
    synchronized (tracker) {
      offline = tracker.expire(System.currentTimeMillis());
    }
    offline.forEach(changed::fire);
  }
}
