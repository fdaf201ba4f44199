package org.anonchat.realtime.typing.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.rooms.entity.MemberLeft;
import org.anonchat.realtime.typing.entity.Typist;
import org.anonchat.realtime.typing.entity.TypingChanged;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typing indicators with a server-side expiry: a typist who sends no new {@code typing} within the
 * timeout, leaves the room or disconnects is announced as stopped, so no indicator stays up for ever.
 */
@ApplicationScoped
public class Typing {

  private static final Logger LOG = Logger.getLogger(Typing.class.getName());

  @Inject
  @ConfigProperty(name = "chat.typing.timeout-ms", defaultValue = "6000")
  long timeoutMillis;

  @Inject
  Event<TypingChanged> changed;

  @Resource
  ManagedScheduledExecutorService scheduler;

  private TypingTracker tracker;
  private ScheduledFuture<?> sweeper;

  @PostConstruct
  void init() {
    tracker = new TypingTracker(timeoutMillis);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    long period = Math.max(50, Math.min(500, timeoutMillis / 10));
    sweeper = scheduler.scheduleWithFixedDelay(this::expireSafely, period, period, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    if (sweeper != null) sweeper.cancel(false);
  }

  public void typing(String roomId, String userId, String displayName) {
    boolean started;
    synchronized (tracker) {
      started = tracker.start(new Typist(roomId, userId), System.currentTimeMillis());
    }
    if (started) changed.fire(new TypingChanged(new Typist(roomId, userId), displayName, true));
  }

  public void stopTyping(String roomId, String userId) {
    Typist typist = new Typist(roomId, userId);
    boolean stopped;
    synchronized (tracker) {
      stopped = tracker.stop(typist);
    }
    if (stopped) changed.fire(new TypingChanged(typist, null, false));
  }

  /** A member who left (or whose grace period ended) stops typing there. */
  void memberLeft(@Observes MemberLeft left) {
    stopTyping(left.roomId(), left.userId());
  }

  /** A closed connection stops its user's typing at once, before any grace period. */
  public void disconnected(String userId) {
    List<Typist> stopped;
    synchronized (tracker) {
      stopped = tracker.stopUser(userId);
    }
    stopped.forEach(t -> changed.fire(new TypingChanged(t, null, false)));
  }

  private void expireSafely() {
    try {
      List<Typist> expired;
      synchronized (tracker) {
        expired = tracker.expire(System.currentTimeMillis());
      }
      expired.forEach(t -> changed.fire(new TypingChanged(t, null, false)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Typing expiry failed", e);
    }
  }
}
