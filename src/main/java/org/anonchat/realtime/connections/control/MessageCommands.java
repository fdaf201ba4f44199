package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import org.anonchat.realtime.connections.entity.ClientCommand.DeleteMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.EditMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.History;
import org.anonchat.realtime.connections.entity.ClientCommand.JoinRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.MarkRead;
import org.anonchat.realtime.connections.entity.ClientCommand.SendMessage;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.MessageView;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ReceiptView;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.messages.boundary.Messages;
import org.anonchat.realtime.messages.control.Transcript;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.MessageReceipt;
import org.anonchat.realtime.rooms.control.Rooms;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

  @Inject
  @ConfigProperty(name = "chat.recovery.max-messages", defaultValue = "500")
  int recoveryLimit;

  /**
   * Checks and queues the post (a refusal is thrown at once); the ack goes out when the returned stage
   * completes, after the commit. The connection's next frames are read meanwhile, so a client can have
   * several messages in flight and they share commits.
   */
  CompletionStage<Void> send(Connection c, Identity me, SendMessage s) {
    Membership.require(rooms, me, s.roomId());
    limits.message(c, me.userId(), "too many messages; slow down");
    return messages.submit(s.roomId(), me.userId(), me.displayName(), me.avatarUrl(), s.content(),
            s.clientMessageId(), rooms.otherMembers(s.roomId(), me.userId()))
        .thenAccept(posted -> c.send(Wire.encode(new ServerEvent.MessageAck(s.ref(), s.clientMessageId(),
            posted.message().id(), posted.message().seq(), "sent", posted.duplicate()))));
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
    c.send(Wire.encode(new ServerEvent.History(h.ref(), h.roomId(), views(page.messages(), me), page.hasMore())));
  }

  /**
   * Joins through {@code join} and sends the joiner what it missed after {@code sinceSeq}, with no message
   * announced in between (see {@link Messages#withoutAnnouncements}): up to the recovery limit in one
   * {@code history} with {@code recovered:true}; beyond it the oldest batch with {@code recovered:false} and
   * {@code hasMore:true}, and the client pages on with {@code history{afterSeq}}.
   */
  void joinAndRecover(Connection c, Identity me, JoinRoom j, Runnable join) {
    messages.withoutAnnouncements(j.roomId(), () -> {
      join.run();
      Transcript.Recovery r = messages.recovery(j.roomId(), j.sinceSeq(), recoveryLimit);
      c.send(Wire.encode(new ServerEvent.History(j.ref(), j.roomId(), views(r.missed(), me), r.hasMore(),
          !r.hasMore(), views(r.changed(), me))));
    });
  }

  /** Wire views; the reader's own messages carry each recipient's receipt, so a sender sees statuses again. */
  private List<MessageView> views(List<ChatMessage> page, Identity me) {
    List<String> own = page.stream().filter(m -> m.userId().equals(me.userId())).map(ChatMessage::id).toList();
    Map<String, List<MessageReceipt>> receipts = messages.receiptsOf(own);
    List<MessageView> views = new ArrayList<>(page.size());
    for (ChatMessage m : page) {
      MessageView view = Views.of(m);
      if (m.userId().equals(me.userId())) {
        view = view.withReceipts(receipts.getOrDefault(m.id(), List.of()).stream()
            .map(r -> new ReceiptView(r.userId(), r.deliveredAt(), r.readAt())).toList());
      }
      views.add(view);
    }
    return views;
  }
}
