package org.anonchat.realtime.rooms.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live room: its members and, per member, the connections subscribed to it. Membership belongs to
 * the user; a member whose connections all closed stays a member for the grace period (docs/decisions/0004),
 * so a reconnect that joins again is invisible to the others. Not thread-safe: {@code Rooms} locks it.
 */
public class Room {

  private final String id;
  private final Map<String, Member> members = new HashMap<>();
  private boolean closed;

  public Room(String id) {
    this.id = id;
  }

  /** One user's membership: through which connections, and since when it has none. */
  static final class Member {
    final Set<String> connections = new HashSet<>(2);
    long idleSince = Long.MAX_VALUE;
  }

  /** Adds the connection; true if the user was not a member before (the room hears about it). */
  public boolean join(String userId, String connectionId) {
    Member member = members.get(userId);
    boolean isNew = member == null;
    if (isNew) {
      member = new Member();
      members.put(userId, member);
    }
    member.connections.add(connectionId);
    member.idleSince = Long.MAX_VALUE;
    return isNew;
  }

  /** An explicit leave from one connection; true if that was the user's last one (the user left). */
  public boolean leave(String userId, String connectionId) {
    Member member = members.get(userId);
    if (member == null || !member.connections.remove(connectionId)) return false;
    if (!member.connections.isEmpty()) return false;
    members.remove(userId);
    return true;
  }

  /** A closed connection: the user stays a member (see the class comment), idle if it was the last. */
  public void disconnect(String userId, String connectionId, long now) {
    Member member = members.get(userId);
    if (member != null && member.connections.remove(connectionId) && member.connections.isEmpty()) {
      member.idleSince = now;
    }
  }

  /** Members without a connection here since {@code cutoff} or earlier. */
  public List<String> idleSince(long cutoff) {
    List<String> idle = new ArrayList<>();
    members.forEach((userId, m) -> {
      if (m.idleSince <= cutoff) idle.add(userId);
    });
    return idle;
  }

  /** Removes a member at once (the user went offline everywhere); true if it was one. */
  public boolean remove(String userId) {
    return members.remove(userId) != null;
  }

  public boolean isMember(String userId) {
    return members.containsKey(userId);
  }

  public int memberCount() {
    return members.size();
  }

  public Set<String> memberIds() {
    return Set.copyOf(members.keySet());
  }

  public List<String> connectionIds() {
    List<String> ids = new ArrayList<>();
    for (Member m : members.values()) ids.addAll(m.connections);
    return ids;
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  public String id() {
    return id;
  }

  public boolean isClosed() {
    return closed;
  }

  public void close() {
    closed = true;
  }
}
