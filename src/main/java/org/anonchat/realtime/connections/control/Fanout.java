package org.anonchat.realtime.connections.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.MessageChanged;
import org.anonchat.realtime.messages.entity.MessagesPosted;
import org.anonchat.realtime.messages.entity.ReceiptRecorded;
import org.anonchat.realtime.presence.entity.PresenceChanged;
import org.anonchat.realtime.rooms.control.Rooms;
import org.anonchat.realtime.rooms.entity.MemberJoined;
import org.anonchat.realtime.rooms.entity.MemberLeft;
import org.anonchat.realtime.typing.entity.TypingChanged;

/**
 * Turns the other components' domain events into wire events: each is encoded once and the same text
 * goes to every recipient through {@link Delivery}. Observers are synchronous, so per-room order is the
 * order in which the components fired.
 */
@ApplicationScoped
public class Fanout {

  @Inject
  Delivery delivery;

  @Inject
  Rooms rooms;

  void joined(@Observes MemberJoined e) {
    String frame = Wire.encode(new ServerEvent.RoomJoin(e.userId(), e.roomId(), e.displayName()));
    if (e.newMember()) delivery.toRoom(e.roomId(), frame);
    else delivery.toConnection(e.connectionId(), frame);
  }

  void left(@Observes MemberLeft e) {
    delivery.toRoom(e.roomId(), Wire.encode(new ServerEvent.RoomLeave(e.userId(), e.roomId())));
  }

  /** A commit's messages go to each room as one list, so each socket gets them in one write. */
  void posted(@Observes MessagesPosted e) {
    Map<String, List<String>> byRoom = new LinkedHashMap<>();
    for (ChatMessage m : e.messages()) {
      byRoom.computeIfAbsent(m.roomId(), k -> new ArrayList<>()).add(Wire.encode(new ServerEvent.Message(Views.of(m))));
    }
    byRoom.forEach(delivery::toRoom);
  }

  void changed(@Observes MessageChanged e) {
    ChatMessage m = e.message();
    ServerEvent event = e.deleted()
        ? new ServerEvent.MessageDeleted(m.id(), m.userId(), m.roomId(), m.deletedAt())
        : new ServerEvent.MessageEdit(m.id(), m.userId(), m.roomId(), m.content(), m.editedAt());
    delivery.toRoom(m.roomId(), Wire.encode(event));
  }

  void receipt(@Observes ReceiptRecorded e) {
    delivery.toRoom(e.roomId(), Wire.encode(
        new ServerEvent.MessageStatusUpdate(e.messageId(), e.roomId(), e.userId(), e.status(), e.messageStatus())));
    if ("read".equals(e.status())) {
      delivery.toRoom(e.roomId(), Wire.encode(
          new ServerEvent.MessageReadReceipt(e.messageId(), e.userId(), e.displayName(), e.at(), e.roomId())));
    }
  }

  void typing(@Observes TypingChanged e) {
    ServerEvent event = e.typing()
        ? new ServerEvent.UserTyping(e.typist().roomId(), e.typist().userId(), e.displayName())
        : new ServerEvent.UserStopTyping(e.typist().roomId(), e.typist().userId());
    delivery.toRoom(e.typist().roomId(), Wire.encode(event));
  }

  /** Only users who share a room with the subject hear of it (the original told every socket). */
  void presence(@Observes @Priority(Interceptor.Priority.APPLICATION) PresenceChanged e) {
    delivery.toUsers(rooms.roomMates(e.userId()), Wire.encode(new ServerEvent.PresenceUpdate(Views.of(e))));
  }
}
