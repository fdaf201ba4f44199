package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import org.anonchat.realtime.connections.entity.ClientCommand;
import org.anonchat.realtime.connections.entity.ClientCommand.EditMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.JoinRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.SendMessage;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ErrorSent;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.moderation.control.RoomRules;
import org.anonchat.realtime.moderation.control.Sanctions;
import org.anonchat.realtime.moderation.entity.RoomRule;
import org.anonchat.realtime.moderation.entity.Sanction;
import org.anonchat.realtime.moderation.entity.UserSanctioned;

/**
 * Operators' decisions applied on the socket: muted users may not send or edit, banned users are closed and
 * refused at auth, closed and private rooms refuse joins. Checked per command before it is carried out.
 */
@ApplicationScoped
class Enforcement {

  /** Application close code (4000-4999 are the application's) for a banned user's socket. */
  static final int BANNED_CLOSE_CODE = 4003;

  @Inject Sanctions sanctions;
  @Inject RoomRules roomRules;
  @Inject Connections connections;
  @Inject Event<ErrorSent> errorSent;

  void check(Identity me, ClientCommand command) {
    if (command instanceof SendMessage || command instanceof EditMessage) {
      sanctions.silencing(me.userId()).ifPresent(s -> {
        throw new ProtocolException(s.kind() == Sanction.Kind.BAN ? ErrorCode.BANNED : ErrorCode.MUTED,
            (s.kind() == Sanction.Kind.BAN ? "banned" : "muted") + " until " + Instant.ofEpochMilli(s.until()));
      });
    } else if (command instanceof JoinRoom j && !roomRules.admits(j.roomId(), me.userId())) {
      RoomRule rule = roomRules.of(j.roomId()).orElseThrow();
      throw new ProtocolException(ErrorCode.FORBIDDEN, "room " + j.roomId() + (rule.closed() ? " is closed" : " is private"));
    }
  }

  /** A banned user's auth: error BANNED, then the socket is closed. True if refused. */
  boolean refusedBanned(Connection c, Identity identity, String ref) {
    Sanction ban = sanctions.of(identity.userId()).filter(s -> s.kind() == Sanction.Kind.BAN).orElse(null);
    if (ban == null) return false;
    sendBanned(c, ban, ref);
    return true;
  }

  void sanctioned(@Observes UserSanctioned e) {
    if (e.sanction().kind() != Sanction.Kind.BAN) return;
    for (Connection c : connections.ofUser(e.sanction().userId())) sendBanned(c, e.sanction(), null);
  }

  private void sendBanned(Connection c, Sanction ban, String ref) {
    errorSent.fire(new ErrorSent(ErrorCode.BANNED));
    c.send(Wire.encode(new ServerEvent.Error(ref, ErrorCode.BANNED, "banned until " + Instant.ofEpochMilli(ban.until()))));
    c.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(BANNED_CLOSE_CODE), "banned"));
  }
}
