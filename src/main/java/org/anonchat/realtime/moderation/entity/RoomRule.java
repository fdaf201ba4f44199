package org.anonchat.realtime.moderation.entity;

import java.util.Set;

/**
 * What operators decided about a room. {@code closed}: nobody may join. {@code allowed} non-null: the room
 * is private and only those users may join.
 */
public record RoomRule(String roomId, boolean closed, Set<String> allowed, long since) {

  public boolean isPrivate() {
    return allowed != null;
  }

  public boolean admits(String userId) {
    return !closed && (allowed == null || allowed.contains(userId));
  }
}
