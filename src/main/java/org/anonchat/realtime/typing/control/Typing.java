package org.anonchat.realtime.typing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.anonchat.realtime.rooms.entity.MemberLeft;
import org.anonchat.realtime.typing.entity.Typist;
import org.anonchat.realtime.typing.entity.TypingChanged;
import org.anonchat.realtime.scheduling.Sweeps;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typing indicators with a server-side expiry: a typist who sends no new {@code typing} within the
 * timeout, leaves the room or disconnects is announced as stopped, so no indicator stays up for ever.
 */
@ApplicationScoped
public class Typing {

  @Inject
  @ConfigProperty(name = "chat.typing.timeout-ms", defaultValue = "6000")
  long timeoutMillis;

  @Inject
  Event<TypingChanged> changed;

  @Inject
  Sweeps sweeps;

  private TypingTracker tracker;

  @PostConstruct
  void init() {
    tracker = new TypingTracker(timeoutMillis);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    sweeps.every(Math.max(50, Math.min(500, timeoutMillis / 10)), "Typing expiry", this::expire);
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

  void expire() {
    List<Typist> expired;
    synchronized (tracker) {
      expired = tracker.expire(System.currentTimeMillis());
    }
    expired.forEach(t -> changed.fire(new TypingChanged(t, null, false)));
  }
}
