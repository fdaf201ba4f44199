package org.anonchat.realtime.connections.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.anonchat.realtime.connections.control.Connection;
import org.anonchat.realtime.connections.control.Connections;
import org.anonchat.realtime.connections.control.Wire;
import org.anonchat.realtime.connections.entity.ConnectionInfo;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.rooms.control.Rooms;

/** The operators' view of and hands on the open sockets of this node. */
@ApplicationScoped
public class Sockets {

  /** A close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5: a control frame carries 125 bytes). */
  public static final int MAX_REASON_BYTES = 123;

  @Inject
  Connections connections;

  @Inject
  Rooms rooms;

  public List<ConnectionInfo> list() {
    List<ConnectionInfo> list = new ArrayList<>();
    for (Connection c : connections.all()) list.add(info(c));
    list.sort(Comparator.comparingLong(ConnectionInfo::connectedSince));
    return list;
  }

  public ConnectionInfo find(String connectionId) {
    Connection c = connections.byId(connectionId);
    return c == null ? null : info(c);
  }

  public int count() {
    return connections.all().size();
  }

  /** Users with at least one authenticated connection here. */
  public int usersOnline() {
    Set<String> users = new HashSet<>();
    for (Connection c : connections.all()) {
      String userId = c.userId();
      if (userId != null) users.add(userId);
    }
    return users.size();
  }

  /**
   * Closes the connection with the given close code and reason; the client sees exactly those. False if no
   * such connection is open.
   */
  public boolean kick(String connectionId, int code, String reason) {
    Connection c = connections.byId(connectionId);
    if (c == null) return false;
    c.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    return true;
  }

  /** Kicks every connection of the user; returns how many were closed. */
  public int kickUser(String userId, int code, String reason) {
    int closed = 0;
    for (Connection c : List.copyOf(connections.ofUser(userId))) closed += kick(c.id(), code, reason) ? 1 : 0;
    return closed;
  }

  /**
   * Removes every member from the room: the remaining members hear each {@code room_leave} as usual, and
   * every connection that was in the room gets its own user's {@code room_leave} last. Returns how many
   * members were removed.
   */
  public int evict(String roomId) {
    List<String> subscribed = rooms.connectionIds(roomId);
    for (Connection c : connections.all()) c.rooms().remove(roomId);
    Set<String> members = rooms.memberIds(roomId);
    members.forEach(userId -> rooms.evict(roomId, userId));
    for (String id : subscribed) {
      Connection c = connections.byId(id);
      if (c != null && c.userId() != null) c.send(Wire.encode(new ServerEvent.RoomLeave(c.userId(), roomId)));
    }
    return members.size();
  }

  /** Close codes an application may send: 1000 (normal), 1001, 1008 (policy), or the 3000-4999 range. */
  public static boolean isSendableCloseCode(int code) {
    return code == 1000 || code == 1001 || code == 1008 || (code >= 3000 && code <= 4999);
  }

  public static boolean fitsCloseReason(String reason) {
    return reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES;
  }

  private static ConnectionInfo info(Connection c) {
    Identity identity = c.identity();
    return new ConnectionInfo(c.id(), identity == null ? null : identity.userId(),
        identity == null ? null : identity.displayName(), c.remoteAddress(), Set.copyOf(c.rooms()), c.openedAt());
  }
}
