package org.anonchat.realtime.connections.control;

import org.anonchat.realtime.connections.entity.MessageView;
import org.anonchat.realtime.connections.entity.ServerEvent.UserPresence;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.presence.entity.PresenceChanged;

/** Maps stored and in-memory state onto the wire's shapes. */
final class Views {

  private Views() {}

  static MessageView of(ChatMessage m) {
    return new MessageView(m.id(), m.seq(), m.roomId(), m.userId(), m.displayName(), m.avatarUrl(), m.content(),
        m.createdAt(), m.clientMessageId(), m.editedAt(), m.isDeleted(), m.aggregateStatus(), null);
  }

  static UserPresence of(PresenceChanged p) {
    return new UserPresence(p.userId(), p.displayName(), p.walletAddress(), p.status().wire(), p.lastSeen());
  }
}
