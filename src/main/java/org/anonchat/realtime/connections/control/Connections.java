package org.anonchat.realtime.connections.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.presence.control.Presence;
import org.anonchat.realtime.rooms.control.Rooms;
import org.anonchat.realtime.typing.control.Typing;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The registry of open connections on this node, by id and by user. */
@ApplicationScoped
public class Connections {

  static final String ID = "chat.connectionId";

  private final Map<String, Connection> byId = new ConcurrentHashMap<>();
  private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
  /** Ends the TCP connections of closed sockets whose peers never answered the close (LingeringClose). */
  private final ScheduledThreadPoolExecutor lingerTimer = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "chat-close-linger");
    t.setDaemon(true);
    return t;
  });

  {
    lingerTimer.setRemoveOnCancelPolicy(true); // most lingers end early, when the peer answers
  }

  @Inject
  @ConfigProperty(name = "chat.connection.max-queued-frames", defaultValue = "1000")
  int maxQueued;

  /** Write broadcast frames pre-encoded through Tyrus's transport where possible (decision 0031). */
  @Inject
  @ConfigProperty(name = "chat.connection.raw-frames", defaultValue = "true")
  boolean rawFrames;

  /** With raw frames on Payara/GlassFish: hand them to Grizzly's write queue, skipping the servlet stream (0032). */
  @Inject
  @ConfigProperty(name = "chat.connection.below-servlet", defaultValue = "true")
  boolean belowServlet;

  @Inject
  AbuseLimits limits;

  @Inject
  Flushers flushers;

  @Inject
  Rooms rooms;

  @Inject
  Presence presence;

  @Inject
  Typing typing;

  /** Registers a new socket; null (and the socket closed with 1008) if its address has too many already. */
  public Connection open(Session session) {
    String address = ClientAddress.of(session);
    if (!limits.admitAddress(address)) {
      if (FrameWriters.TYRUS_SPI) LingeringClose.install(session, lingerTimer);
      try {
        session.close(AbuseLimits.ADDRESS_FULL);
      } catch (java.io.IOException | RuntimeException e) {
        // already gone: nothing was registered
      }
      return null;
    }
    // Silent peers are closed by the heartbeat; the container's idle timer would cost a task per frame.
    TyrusIdleTimer.disarm(session);
    session.setMaxIdleTimeout(0);
    String id = UUID.randomUUID().toString();
    Connection connection = new Connection(id, session, FrameWriters.forSession(session, rawFrames, belowServlet), flushers.pool(), maxQueued, limits.newConnection(), address);
    if (FrameWriters.TYRUS_SPI) LingeringClose.install(session, lingerTimer); // after the frame writer took the raw one
    session.getUserProperties().put(ID, id);
    byId.put(id, connection);
    return connection;
  }

  @PreDestroy
  void stop() {
    TyrusIdleTimer.shutdown();
    lingerTimer.shutdownNow().forEach(Runnable::run); // what still lingers ends now
  }

  public Connection of(Session session) {
    return byId.get((String) session.getUserProperties().get(ID));
  }

  public Connection byId(String id) {
    return byId.get(id);
  }

  public Set<Connection> ofUser(String userId) {
    Set<Connection> set = byUser.get(userId);
    return set == null ? Set.of() : set;
  }

  public Collection<Connection> all() {
    return byId.values();
  }

  /** Binds the connection to an identity; switching users first releases everything of the old one. */
  public void authenticate(Connection connection, Identity identity) {
    String previous = connection.userId();
    if (previous != null && previous.equals(identity.userId())) {
      connection.identity(identity); // same user again, perhaps under a new name: room mates see it
      presence.renamed(identity.userId(), identity.displayName(), identity.walletAddress());
      return;
    }
    if (previous != null) release(connection, previous, true);
    connection.identity(identity);
    byUser.computeIfAbsent(identity.userId(), k -> ConcurrentHashMap.newKeySet()).add(connection);
    presence.connected(identity.userId(), identity.displayName(), identity.walletAddress(), connection.id());
  }

  /** The socket closed (any reason): forget it; presence and rooms apply their grace period. */
  public void closed(Session session) {
    if (FrameWriters.TYRUS_SPI) LingeringClose.endpointClosed(session);
    String id = (String) session.getUserProperties().get(ID);
    Connection connection = id == null ? null : byId.remove(id);
    if (connection == null) return;
    limits.releaseAddress(connection.clientAddress());
    String userId = connection.userId();
    if (userId != null) release(connection, userId, false);
  }

  /**
   * Detaches a connection from its user. A re-auth as someone else leaves the rooms at once (the old
   * identity is gone from this socket); a closed socket keeps memberships through the grace period.
   */
  private void release(Connection connection, String userId, boolean leaveRooms) {
    List<String> joined = List.copyOf(connection.rooms());
    connection.rooms().clear();
    if (leaveRooms) joined.forEach(roomId -> rooms.leave(roomId, userId, connection.id()));
    else rooms.disconnect(userId, connection.id(), joined);
    byUser.computeIfPresent(userId, (k, set) -> {
      set.remove(connection);
      return set.isEmpty() ? null : set;
    });
    if (ofUser(userId).isEmpty()) typing.disconnected(userId);
    presence.disconnected(userId, connection.id());
  }
}
