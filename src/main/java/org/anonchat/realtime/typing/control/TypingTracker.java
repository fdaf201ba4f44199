package org.anonchat.realtime.typing.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anonchat.realtime.typing.entity.Typist;

/**
 * Who is typing where, and until when. Pure state with explicit times (unit tested without a clock);
 * callers serialise access.
 */
public class TypingTracker {

  private final long timeoutMillis;
  private final Map<Typist, Long> expiresAt = new HashMap<>();

  public TypingTracker(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** Records a keystroke signal; true if the user was not typing in that room before. */
  public boolean start(Typist typist, long now) {
    return expiresAt.put(typist, now + timeoutMillis) == null;
  }

  /** True if the user was typing (so the room must hear that it stopped). */
  public boolean stop(Typist typist) {
    return expiresAt.remove(typist) != null;
  }

  /** Stops every room the user types in, for a disconnect; returns those that were active. */
  public List<Typist> stopUser(String userId) {
    List<Typist> stopped = new ArrayList<>();
    expiresAt.keySet().removeIf(t -> {
      boolean match = t.userId().equals(userId);
      if (match) stopped.add(t);
      return match;
    });
    return stopped;
  }

  /** Removes and returns the typists whose last signal is older than the timeout. */
  public List<Typist> expire(long now) {
    List<Typist> expired = new ArrayList<>();
    expiresAt.entrySet().removeIf(e -> {
      boolean over = e.getValue() <= now;
      if (over) expired.add(e.getKey());
      return over;
    });
    return expired;
  }

  public boolean isTyping(Typist typist) {
    return expiresAt.containsKey(typist);
  }
}
