package org.anonchat.realtime.connections.control;

import java.util.Collection;
import java.util.List;

/**
 * Where encoded frames go: the one seam for fan-out. {@link LocalDelivery} reaches the sockets of this
 * node; a cluster transport would implement this too (forwarding the already-encoded frame to the other
 * nodes) and be selected as a CDI alternative. Every method returns the number of connections reached
 * here.
 */
public interface Delivery {

  int toRoom(String roomId, String frame);

  /** Several frames for the same room, in order; each connection gets all of them at once. */
  int toRoom(String roomId, List<String> frames);

  int toUsers(Collection<String> userIds, String frame);

  int toConnection(String connectionId, String frame);
}
