package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import org.anonchat.realtime.rooms.control.Rooms;

/** Delivers to the connections open on this node. Each send only queues, so no peer can stall a loop. */
@ApplicationScoped
public class LocalDelivery implements Delivery {

  @Inject
  Connections connections;

  @Inject
  Rooms rooms;

  @Override
  public int toRoom(String roomId, String frame) {
    int reached = 0;
    for (String id : rooms.connectionIds(roomId)) reached += toConnection(id, frame);
    return reached;
  }

  @Override
  public int toUsers(Collection<String> userIds, String frame) {
    int reached = 0;
    for (String userId : userIds) {
      for (Connection c : connections.ofUser(userId)) reached += c.send(frame) ? 1 : 0;
    }
    return reached;
  }

  @Override
  public int toConnection(String connectionId, String frame) {
    Connection c = connections.byId(connectionId);
    return c != null && c.send(frame) ? 1 : 0;
  }
}
