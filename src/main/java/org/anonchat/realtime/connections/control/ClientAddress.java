package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.lang.reflect.Method;

/**
 * The client's IP address of a WebSocket session. The WebSocket API does not expose it; Tyrus (Payara's
 * implementation) does, as {@code TyrusSession.getRemoteAddr()}, read here by reflection so the WAR stays
 * free of container classes. Elsewhere the address is unknown (null) and the per-address cap does not
 * apply. Behind a reverse proxy this is the proxy's address.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(Session session) {
    try {
      Method getter = session.getClass().getMethod("getRemoteAddr");
      Object address = getter.invoke(session);
      return address instanceof String s && !s.isEmpty() ? s : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
