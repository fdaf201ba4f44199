package org.anonchat.realtime.connections.control;

import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.rooms.control.Rooms;

/** The "members only" rule of the protocol: NOT_A_MEMBER for anyone else. */
final class Membership {

  private Membership() {}

  /** Returns the room id if the user is a member, for use inline. */
  static String require(Rooms rooms, Identity me, String roomId) {
    if (!rooms.isMember(roomId, me.userId())) throw notAMember(roomId);
    return roomId;
  }

  static ProtocolException notAMember(String roomId) {
    return new ProtocolException(ErrorCode.NOT_A_MEMBER, "join room " + roomId + " first");
  }
}
