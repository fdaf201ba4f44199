package org.anonchat.realtime.connections.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import org.anonchat.realtime.connections.control.Delivery;
import org.anonchat.realtime.connections.control.Wire;
import org.anonchat.realtime.connections.entity.ServerEvent;

/** Server code's way to push a {@code notification} event to one user. */
@ApplicationScoped
public class Notifications {

  @Inject
  Delivery delivery;

  /**
   * Queues {@code notification{...payload}} on every open connection of the user.
   *
   * @return how many connections it reached; 0 means the user has none open (nothing is stored)
   */
  public int notify(String userId, JsonObject payload) {
    return delivery.toUsers(List.of(userId), Wire.encode(new ServerEvent.Notification(payload)));
  }
}
