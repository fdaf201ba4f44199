package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.connections.entity.ClientCommand;
import org.anonchat.realtime.connections.entity.ClientCommand.Auth;
import org.anonchat.realtime.connections.entity.ClientCommand.CreateInvite;
import org.anonchat.realtime.connections.entity.ClientCommand.CreateRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.Invite;
import org.anonchat.realtime.connections.entity.ClientCommand.RequestChallenge;
import org.anonchat.realtime.connections.entity.ClientCommand.DeleteMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.EditMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.History;
import org.anonchat.realtime.connections.entity.ClientCommand.JoinRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.LeaveRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.MarkRead;
import org.anonchat.realtime.connections.entity.ClientCommand.MessageDelivered;
import org.anonchat.realtime.connections.entity.ClientCommand.MessageRead;
import org.anonchat.realtime.connections.entity.ClientCommand.Pong;
import org.anonchat.realtime.connections.entity.ClientCommand.RequestPresenceSnapshot;
import org.anonchat.realtime.connections.entity.ClientCommand.SendMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.SetPresence;
import org.anonchat.realtime.connections.entity.ClientCommand.StopTyping;
import org.anonchat.realtime.connections.entity.ClientCommand.Typing;
import org.anonchat.realtime.connections.entity.ClientCommand.WalletEvent;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ErrorSent;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.messages.entity.MessageRejected;
import org.anonchat.realtime.presence.control.Presence;
import org.anonchat.realtime.rooms.control.Rooms;

/**
 * Carries out one decoded client frame for one connection: checks who may do it, delegates to the
 * component that owns it, and answers the sender. Broadcasts leave through the components' events
 * ({@link Fanout}). Any refusal is an {@code error} to this connection only; it stays open.
 */
@ApplicationScoped
public class CommandHandler {

  private static final Logger LOG = Logger.getLogger(CommandHandler.class.getName());

  @Inject Authentication authentication;
  @Inject AbuseLimits limits;
  @Inject RoomCommands roomCommands;
  @Inject WalletAnnouncements wallets;
  @Inject Rooms rooms;
  @Inject MessageCommands messageCommands;
  @Inject Presence presence;
  @Inject org.anonchat.realtime.typing.control.Typing typing;
  @Inject Enforcement enforcement;
  @Inject Shutdown shutdown;
  @Inject jakarta.enterprise.event.Event<ErrorSent> errorSent;

  /** Decodes and carries out a text frame; never throws. */
  public void handle(Connection c, String text) {
    String ref = null;
    try {
      ClientCommand command = Wire.decode(text);
      ref = command.ref();
      limits.admit(c, command);
      dispatch(c, command);
    } catch (RuntimeException e) {
      fail(c, e, ref);
    }
  }

  private void fail(Connection c, RuntimeException e, String ref) {
    if (e instanceof ProtocolException p) {
      refuse(c, p.withRef(ref));
    } else if (e instanceof MessageRejected r) {
      refuse(c, new ProtocolException(codeOf(r.reason()), r.getMessage()).withRef(ref));
    } else {
      LOG.log(Level.WARNING, "Frame failed on connection " + c.id(), e);
      refuse(c, new ProtocolException(ErrorCode.INTERNAL, "internal error").withRef(ref));
    }
  }

  /**
   * A post completes after this frame's handling returned: its failure is reported like any other, and a
   * graceful stop waits for it ({@link Shutdown#hold}), so an accepted post is acknowledged before the 1001.
   */
  private void send(Connection c, Identity me, SendMessage s) {
    CompletionStage<Void> stored = messageCommands.send(c, me, s);
    shutdown.hold();
    stored.whenComplete((ok, failure) -> {
      try {
        if (failure != null) fail(c, unwrap(failure), s.ref());
      } finally {
        shutdown.finished();
      }
    });
  }

  private static RuntimeException unwrap(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }

  /**
   * Every error reply goes through here: the metrics count errors by code, and a connection whose frames keep
   * being refused is closed with 1008 (AbuseLimits).
   */
  private void refuse(Connection c, ProtocolException e) {
    errorSent.fire(new ErrorSent(e.code()));
    c.send(Wire.encode(e));
    if (limits.offended(c)) c.close(AbuseLimits.OFFENDER);
  }

  private void dispatch(Connection c, ClientCommand command) {
    if (command instanceof Auth a) { auth(c, a); return; }
    if (command instanceof Pong) return; // any frame already counted as a sign of life
    if (command instanceof RequestChallenge r) { c.send(Wire.encode(authentication.newChallenge(c, r.ref()))); return; }
    Identity me = c.identity();
    if (me == null) throw new ProtocolException(ErrorCode.NOT_AUTHENTICATED, "send auth first");
    enforcement.check(me, command);
    if (command instanceof JoinRoom j) join(c, me, j);
    else if (command instanceof CreateRoom r) roomCommands.create(c, me, r);
    else if (command instanceof Invite i) roomCommands.invite(c, me, i);
    else if (command instanceof CreateInvite i) roomCommands.createInvite(c, me, i);
    else if (command instanceof LeaveRoom l) leave(c, me, l);
    else if (command instanceof SendMessage s) send(c, me, s);
    else if (command instanceof MessageDelivered d) messageCommands.acknowledge(me, d.roomId(), List.of(d.messageId()), false);
    else if (command instanceof MessageRead r) messageCommands.acknowledge(me, r.roomId(), List.of(r.messageId()), true);
    else if (command instanceof MarkRead m) messageCommands.markRead(me, m);
    else if (command instanceof EditMessage e) messageCommands.edit(c, me, e);
    else if (command instanceof DeleteMessage d) messageCommands.delete(c, me, d);
    else if (command instanceof Typing t) typing.typing(Membership.require(rooms, me, t.roomId()), me.userId(), me.displayName());
    else if (command instanceof StopTyping t) typing.stopTyping(Membership.require(rooms, me, t.roomId()), me.userId());
    else if (command instanceof WalletEvent w) wallets.announce(me, w);
    else if (command instanceof RequestPresenceSnapshot p) snapshot(c, me, p.ref(), p.roomId());
    else if (command instanceof SetPresence p) presence.setStatus(me.userId(), c.id(), p.status());
    else if (command instanceof History h) messageCommands.history(c, me, h);
    else throw new IllegalStateException("unhandled command " + command);
  }

  private void auth(Connection c, Auth a) {
    Identity identity = authentication.authenticate(c, a);
    if (identity == null) return; // banned: refused and closed
    c.send(Wire.encode(new ServerEvent.AuthOk(a.ref(), identity.userId(), identity.displayName(), identity.avatarUrl(),
        identity.token(), identity.tokenExpiresAt(), identity.walletAddress())));
    snapshot(c, identity, null, null);
  }

  private void join(Connection c, Identity me, JoinRoom j) {
    if (!c.rooms().contains(j.roomId()) && c.rooms().size() >= rooms.maxRoomsPerConnection()) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, "a connection may join at most " + rooms.maxRoomsPerConnection() + " rooms");
    }
    roomCommands.checkJoin(me, j);
    Runnable join = () -> {
      c.rooms().add(j.roomId());
      rooms.join(j.roomId(), me.userId(), me.displayName(), c.id());
    };
    if (j.sinceSeq() == null) join.run();
    else messageCommands.joinAndRecover(c, me, j, join);
  }

  private void leave(Connection c, Identity me, LeaveRoom l) {
    if (!c.rooms().remove(l.roomId())) throw Membership.notAMember(l.roomId());
    rooms.leave(l.roomId(), me.userId(), c.id());
  }

  private void snapshot(Connection c, Identity me, String ref, String roomId) {
    Set<String> users;
    if (roomId != null) {
      Membership.require(rooms, me, roomId);
      users = rooms.memberIds(roomId);
    } else {
      users = new HashSet<>(rooms.roomMates(me.userId()));
      users.add(me.userId());
    }
    List<ServerEvent.UserPresence> list = new ArrayList<>();
    presence.presenceOf(users).forEach(p -> list.add(Views.of(p)));
    c.send(Wire.encode(new ServerEvent.PresenceSnapshot(ref, roomId, list)));
  }

  static ErrorCode codeOf(MessageRejected.Reason reason) {
    return switch (reason) {
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case FORBIDDEN -> ErrorCode.FORBIDDEN;
      case EDIT_WINDOW_CLOSED -> ErrorCode.EDIT_WINDOW_CLOSED;
      case TOO_LARGE -> ErrorCode.TOO_LARGE;
      case INVALID -> ErrorCode.INVALID_PAYLOAD;
    };
  }
}
