package org.anonchat.realtime.rooms.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import jakarta.interceptor.Interceptor;
import org.anonchat.realtime.presence.control.Presence;
import org.anonchat.realtime.rooms.entity.MemberJoined;
import org.anonchat.realtime.rooms.entity.MemberLeft;
import org.anonchat.realtime.rooms.entity.Room;
import org.anonchat.realtime.presence.entity.PresenceChanged;
import org.anonchat.realtime.presence.entity.PresenceStatus;
import org.anonchat.realtime.scheduling.Sweeps;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live rooms of this node. Rooms open on the first join and are dropped when their last member is
 * gone; their messages stay in the database. Each {@link Room} is guarded by its own monitor.
 *
 * <p>A member without connections in a room leaves it when the user goes offline, or, if the user is still
 * connected elsewhere (another tab, a reconnect that did not join again), once idle for the grace period.
 */
@ApplicationScoped
public class Rooms {

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  /** userId to the rooms the user is a member of, for presence recipients and disconnect cleanup. */
  private final Map<String, Set<String>> roomsByUser = new ConcurrentHashMap<>();

  @Inject
  @ConfigProperty(name = "chat.rooms.max-per-connection", defaultValue = "50")
  int maxRoomsPerConnection;

  @Inject
  @ConfigProperty(name = "chat.presence.grace-ms", defaultValue = "5000")
  long graceMillis;

  @Inject
  Presence presence;

  @Inject
  Sweeps sweeps;


  @Inject
  Event<MemberJoined> joined;

  @Inject
  Event<MemberLeft> left;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    sweeps.every(Math.max(50, Math.min(1000, graceMillis / 5)), "Idle member sweep", this::sweep);
  }

  public int maxRoomsPerConnection() {
    return maxRoomsPerConnection;
  }

  public void join(String roomId, String userId, String displayName, String connectionId) {
    boolean newMember = withRoom(roomId, true, room -> room.join(userId, connectionId));
    roomsByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(roomId);
    joined.fire(new MemberJoined(roomId, userId, displayName, connectionId, newMember));
  }

  /** Leaves through one connection; the room hears of it when it was the user's last connection there. */
  public boolean leave(String roomId, String userId, String connectionId) {
    Boolean gone = withRoom(roomId, false, room -> room.leave(userId, connectionId));
    if (Boolean.TRUE.equals(gone)) {
      forget(userId, roomId);
      left.fire(new MemberLeft(roomId, userId));
      return true;
    }
    return false;
  }

  /** A connection closed: its user stays a member of these rooms for now (see the class comment). */
  public void disconnect(String userId, String connectionId, Collection<String> roomIds) {
    long now = now();
    for (String roomId : roomIds) {
      withRoom(roomId, false, room -> {
        room.disconnect(userId, connectionId, now);
        return null;
      });
    }
  }

  /**
   * Removes members idle for the grace period whose user is still connected elsewhere. Users with no
   * connection at all are left to {@link #wentOffline}, so their offline status reaches the room first.
   */
  void sweep() {
    long cutoff = now() - graceMillis;
    for (Room room : rooms.values()) {
      List<String> idle;
      synchronized (room) {
        idle = room.idleSince(cutoff);
      }
      for (String userId : idle) {
        if (presence.isConnected(userId)) remove(room.id(), userId);
      }
    }
  }

  private void remove(String roomId, String userId) {
    if (Boolean.TRUE.equals(withRoom(roomId, false, room -> room.remove(userId)))) {
      forget(userId, roomId);
      left.fire(new MemberLeft(roomId, userId));
    }
  }

  /**
   * A user went offline: they leave every room. Runs after the presence_update has gone out (lower
   * priority), so the rooms they were in still hear the offline status.
   */
  void wentOffline(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) PresenceChanged change) {
    if (change.status() != PresenceStatus.OFFLINE) return;
    for (String roomId : roomsOf(change.userId())) remove(roomId, change.userId());
  }

  public boolean isMember(String roomId, String userId) {
    return Boolean.TRUE.equals(withRoom(roomId, false, room -> room.isMember(userId)));
  }

  /** Members other than {@code userId}: the recipients a message is delivered to. */
  public int otherMembers(String roomId, String userId) {
    Integer n = withRoom(roomId, false, room -> room.memberCount() - (room.isMember(userId) ? 1 : 0));
    return n == null ? 0 : n;
  }

  public List<String> connectionIds(String roomId) {
    List<String> ids = withRoom(roomId, false, Room::connectionIds);
    return ids == null ? List.of() : ids;
  }

  public Set<String> memberIds(String roomId) {
    Set<String> ids = withRoom(roomId, false, Room::memberIds);
    return ids == null ? Set.of() : ids;
  }

  public Set<String> roomsOf(String userId) {
    Set<String> ids = roomsByUser.get(userId);
    return ids == null ? Set.of() : Set.copyOf(ids);
  }

  /** Every user who shares at least one room with {@code userId}, the user included if in any room. */
  public Set<String> roomMates(String userId) {
    Set<String> mates = new HashSet<>();
    for (String roomId : roomsOf(userId)) mates.addAll(memberIds(roomId));
    return mates;
  }

  /** True while the room is held in memory (it has at least one member, connected or within grace). */
  public boolean isOpen(String roomId) {
    return rooms.containsKey(roomId);
  }

  /** Runs {@code action} on the room under its lock; a closed room is recreated when {@code create}. */
  private <T> T withRoom(String roomId, boolean create, Function<Room, T> action) {
    while (true) {
      Room room = create ? rooms.computeIfAbsent(roomId, Room::new) : rooms.get(roomId);
      if (room == null) return null;
      synchronized (room) {
        if (room.isClosed()) {
          if (!create) return null;
          continue;
        }
        T result = action.apply(room);
        closeIfEmpty(room);
        return result;
      }
    }
  }

  private void closeIfEmpty(Room room) {
    if (room.isEmpty() && !room.isClosed()) {
      room.close();
      rooms.remove(room.id(), room);
    }
  }

  private void forget(String userId, String roomId) {
    roomsByUser.computeIfPresent(userId, (k, set) -> {
      set.remove(roomId);
      return set.isEmpty() ? null : set;
    });
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
