package org.anonchat.realtime.rooms.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live room: its members and, per member, the connections subscribed to it. Membership belongs to
 * the user; a member whose connections all closed stays a member until the user goes offline (after the
 * presence grace period), so a reconnect that joins again is invisible to the others. Not thread-safe:
 * {@code Rooms} locks it.
 */
public class Room {

  private final String id;
  private final Map<String, Member> members = new HashMap<>();
  private boolean closed;

  public Room(String id) {
    this.id = id;
  }

  /** One user's membership: since when, and through which connections. */
  static final class Member {
    final String displayName;
    final long since;
    final Set<String> connections = new HashSet<>(2);

    Member(String displayName, long since) {
      this.displayName = displayName;
      this.since = since;
    }
  }

  /** Adds the connection; true if the user was not a member before (the room hears about it). */
  public boolean join(String userId, String displayName, String connectionId, long now) {
    Member member = members.get(userId);
    boolean isNew = member == null;
    if (isNew) {
      member = new Member(displayName, now);
      members.put(userId, member);
    }
    member.connections.add(connectionId);
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

  /** A closed connection: the user stays a member (see the class comment). */
  public void disconnect(String userId, String connectionId) {
    Member member = members.get(userId);
    if (member != null) member.connections.remove(connectionId);
  }

  /** Removes a member at once (the user went offline everywhere); true if it was one. */
  public boolean remove(String userId) {
    return members.remove(userId) != null;
  }

  public boolean isMember(String userId) {
    return members.containsKey(userId);
  }

  /** When the user's current membership began, or -1 if not a member. */
  public long memberSince(String userId) {
    Member member = members.get(userId);
    return member == null ? -1 : member.since;
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
