package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.anonchat.realtime.connections.entity.ClientCommand.WalletEvent;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.rooms.control.Rooms;

/**
 * {@code wallet_event}: only the wallet this connection proved may be announced, and only to the user's own
 * connections and room mates (the original relayed any claim to every socket, §5.2/§5.3).
 */
@ApplicationScoped
class WalletAnnouncements {

  @Inject Delivery delivery;
  @Inject Rooms rooms;

  void announce(Identity me, WalletEvent w) {
    if (!w.walletAddress().equals(me.walletAddress())) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, "this connection has not proven that wallet");
    }
    ServerEvent event = w.connect()
        ? new ServerEvent.WalletConnect(me.userId(), me.walletAddress())
        : new ServerEvent.WalletDisconnect(me.userId(), me.walletAddress());
    Set<String> audience = new HashSet<>(rooms.roomMates(me.userId()));
    audience.add(me.userId());
    delivery.toUsers(audience, Wire.encode(event));
  }
}
