package org.anonchat.realtime.moderation.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.anonchat.realtime.moderation.entity.RoomRule;

/**
 * Operators' rules for rooms: created (listed even while empty), closed, or private with a list of the users
 * allowed in. A room without a rule is open to everyone, as in the original.
 */
@ApplicationScoped
public class RoomRules {

  private final Map<String, RoomRule> rules = new ConcurrentHashMap<>();

  /** Creates (or reopens) a room: listed, open to everyone unless {@code allowed} is given. */
  public RoomRule create(String roomId, Set<String> allowed) {
    RoomRule rule = new RoomRule(roomId, false, allowed == null ? null : Set.copyOf(allowed), now());
    rules.put(roomId, rule);
    return rule;
  }

  public RoomRule close(String roomId) {
    RoomRule rule = new RoomRule(roomId, true, null, now());
    rules.put(roomId, rule);
    return rule;
  }

  /** Makes the room private: only {@code allowed} (the current members plus any named) may join. */
  public RoomRule makePrivate(String roomId, Collection<String> allowed) {
    return rules.compute(roomId, (id, old) -> new RoomRule(roomId, false, Set.copyOf(allowed), now()));
  }

  public Optional<RoomRule> of(String roomId) {
    return Optional.ofNullable(rules.get(roomId));
  }

  public boolean admits(String roomId, String userId) {
    RoomRule rule = rules.get(roomId);
    return rule == null || rule.admits(userId);
  }

  public List<RoomRule> all() {
    return List.copyOf(rules.values());
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
