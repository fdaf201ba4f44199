package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.anonchat.realtime.connections.entity.ClientCommand.DeleteMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.EditMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.History;
import org.anonchat.realtime.connections.entity.ClientCommand.MarkRead;
import org.anonchat.realtime.connections.entity.ClientCommand.SendMessage;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.MessageView;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.messages.boundary.Messages;
import org.anonchat.realtime.messages.control.Transcript;
import org.anonchat.realtime.messages.entity.Posted;
import org.anonchat.realtime.rooms.control.Rooms;

/**
 * The message commands of {@link CommandHandler}: members only, writes rate limited per connection and user, and the
 * direct replies (message_ack, history). Broadcasts leave through the messages component's events.
 */
@ApplicationScoped
class MessageCommands {

  static final int MAX_MARK_READ = 100;

  @Inject Messages messages;
  @Inject Rooms rooms;
  @Inject AbuseLimits limits;

  void send(Connection c, Identity me, SendMessage s) {
    Membership.require(rooms, me, s.roomId());
    limits.message(c, me.userId(), "too many messages; slow down");
    Posted posted = messages.post(s.roomId(), me.userId(), me.displayName(), me.avatarUrl(), s.content(),
        s.clientMessageId(), rooms.otherMembers(s.roomId(), me.userId()));
    c.send(Wire.encode(new ServerEvent.MessageAck(s.ref(), s.clientMessageId(), posted.message().id(),
        posted.message().seq(), "sent", posted.duplicate())));
  }

  void acknowledge(Identity me, String roomId, List<String> messageIds, boolean read) {
    Membership.require(rooms, me, roomId);
    messages.acknowledge(roomId, messageIds, me.userId(), me.displayName(), read);
  }

  void markRead(Identity me, MarkRead m) {
    if (m.messageIds().isEmpty() || m.messageIds().size() > MAX_MARK_READ) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "messageIds must hold 1.." + MAX_MARK_READ + " ids");
    }
    acknowledge(me, m.roomId(), m.messageIds(), true);
  }

  void edit(Connection c, Identity me, EditMessage e) {
    Membership.require(rooms, me, e.roomId());
    limits.message(c, me.userId(), "too many changes; slow down");
    messages.edit(e.roomId(), e.messageId(), me.userId(), e.content());
  }

  void delete(Connection c, Identity me, DeleteMessage d) {
    Membership.require(rooms, me, d.roomId());
    limits.message(c, me.userId(), "too many changes; slow down");
    messages.delete(d.roomId(), d.messageId(), me.userId());
  }

  void history(Connection c, Identity me, History h) {
    Membership.require(rooms, me, h.roomId());
    Transcript.Page page = messages.history(h.roomId(), h.beforeSeq(), h.afterSeq(), h.limit());
    List<MessageView> views = new ArrayList<>(page.messages().size());
    page.messages().forEach(m -> views.add(Views.of(m)));
    c.send(Wire.encode(new ServerEvent.History(h.ref(), h.roomId(), views, page.hasMore())));
  }
}
