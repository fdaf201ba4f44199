package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.anonchat.realtime.connections.entity.ClientCommand.CreateInvite;
import org.anonchat.realtime.connections.entity.ClientCommand.CreateRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.Invite;
import org.anonchat.realtime.connections.entity.ClientCommand.JoinRoom;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.control.Identities;
import org.anonchat.realtime.identity.control.StrKey;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.messages.boundary.Messages;
import org.anonchat.realtime.rooms.control.OpenRooms;
import org.anonchat.realtime.rooms.control.RoomAccess;
import org.anonchat.realtime.rooms.control.Rooms;
import org.anonchat.realtime.rooms.entity.InviteCode;
import org.anonchat.realtime.rooms.entity.RoomDefinition;
import org.anonchat.realtime.rooms.entity.RoomRefused;

/** The room access commands of {@link CommandHandler}: create_room, invite, create_invite and the join gate. */
@ApplicationScoped
class RoomCommands {

  static final int MAX_NAME = 100;
  static final int MAX_USER_ID = 64;

  @Inject RoomAccess access;
  @Inject OpenRooms openRooms;
  @Inject Rooms rooms;
  @Inject Messages messages;
  @Inject Identities identities;

  void create(Connection c, Identity me, CreateRoom r) {
    String name = r.name() == null ? r.roomId() : r.name().strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "name must be 1.." + MAX_NAME + " characters without control characters");
    }
    // An id already in use as an open room (members now, or stored messages) is not up for grabs either.
    if (rooms.isOpen(r.roomId()) || messages.hasMessages(r.roomId())) {
      throw new ProtocolException(ErrorCode.ROOM_EXISTS, "room " + r.roomId() + " is already in use");
    }
    RoomDefinition room;
    try {
      room = access.create(r.roomId(), name, Boolean.TRUE.equals(r.isPrivate()), me.userId());
    } catch (RoomRefused e) {
      throw refused(e);
    } catch (RuntimeException e) {
      if (access.definition(r.roomId()) != null) throw new ProtocolException(ErrorCode.ROOM_EXISTS, "room " + r.roomId() + " exists");
      throw e;
    }
    c.send(Wire.encode(new ServerEvent.RoomCreated(r.ref(), room.roomId(), room.name(), room.isPrivate(), room.ownerId())));
  }

  /**
   * Throws FORBIDDEN unless the user may join (see RoomAccess.checkJoin). A room already found open to
   * everyone passes without a transaction (OpenRooms).
   */
  void checkJoin(Identity me, JoinRoom j) {
    if (openRooms.known(j.roomId())) return;
    long generation = openRooms.generation();
    try {
      if (access.checkJoin(j.roomId(), me.userId(), j.inviteCode())) openRooms.remember(j.roomId(), generation);
    } catch (RoomRefused e) {
      throw refused(e);
    }
  }

  void invite(Connection c, Identity me, Invite i) {
    String userId = i.userId();
    if (i.walletAddress() != null) {
      if (!StrKey.isAccountId(i.walletAddress())) {
        throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "walletAddress must be a Stellar account id (G..., 56 characters, valid checksum)");
      }
      // A wallet nobody has proven yet gets its user now; whoever proves it later is that user.
      userId = identities.walletUser(i.walletAddress(), null);
    } else if (userId.length() > MAX_USER_ID) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "userId must be at most " + MAX_USER_ID + " characters");
    }
    try {
      access.invite(i.roomId(), me.userId(), userId);
    } catch (RoomRefused e) {
      throw refused(e);
    }
    c.send(Wire.encode(new ServerEvent.MemberInvited(i.ref(), i.roomId(), userId, i.walletAddress())));
  }

  void createInvite(Connection c, Identity me, CreateInvite ci) {
    InviteCode code;
    try {
      code = access.createCode(ci.roomId(), me.userId());
    } catch (RoomRefused e) {
      throw refused(e);
    }
    c.send(Wire.encode(new ServerEvent.InviteCode(ci.ref(), ci.roomId(), code.code(), code.expiresAt())));
  }

  private static ProtocolException refused(RoomRefused e) {
    ErrorCode code = switch (e.reason()) {
      case EXISTS -> ErrorCode.ROOM_EXISTS;
      case FORBIDDEN -> ErrorCode.FORBIDDEN;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
    };
    return new ProtocolException(code, e.getMessage());
  }
}
