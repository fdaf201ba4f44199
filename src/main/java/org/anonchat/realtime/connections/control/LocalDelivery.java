package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import org.anonchat.realtime.rooms.control.Rooms;

/**
 * Delivers to the connections open on this node. Each send only queues, so no peer can stall a loop. A frame
 * for many recipients is wrapped once, so its wire bytes are built once and shared (decision 0031). The loops
 * call {@link #deliver} rather than the public methods: a self-call through the bean would pass the metrics
 * decorator once per recipient.
 */
@ApplicationScoped
public class LocalDelivery implements Delivery {

  @Inject
  Connections connections;

  @Inject
  Rooms rooms;

  @Override
  public int toRoom(String roomId, String frame) {
    OutboundFrame shared = OutboundFrame.of(frame);
    int reached = 0;
    for (String id : rooms.connectionIds(roomId)) reached += deliver(connections.byId(id), shared);
    return reached;
  }

  @Override
  public int toRoom(String roomId, List<String> frames) {
    List<OutboundFrame> shared = frames.stream().map(OutboundFrame::of).toList();
    int reached = 0;
    for (String id : rooms.connectionIds(roomId)) {
      Connection c = connections.byId(id);
      reached += c != null && c.sendAll(shared) ? 1 : 0;
    }
    return reached;
  }

  @Override
  public int toUsers(Collection<String> userIds, String frame) {
    OutboundFrame shared = OutboundFrame.of(frame);
    int reached = 0;
    for (String userId : userIds) {
      for (Connection c : connections.ofUser(userId)) reached += deliver(c, shared);
    }
    return reached;
  }

  @Override
  public int toConnection(String connectionId, String frame) {
    return deliver(connections.byId(connectionId), OutboundFrame.of(frame));
  }

  private static int deliver(Connection c, OutboundFrame frame) {
    return c != null && c.send(frame) ? 1 : 0;
  }
}
