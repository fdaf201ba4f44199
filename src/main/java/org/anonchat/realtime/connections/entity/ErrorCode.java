package org.anonchat.realtime.connections.entity;

/** The stable {@code error.code} values; docs/protocol.md explains when each is sent. */
public enum ErrorCode {
  NOT_AUTHENTICATED,
  INVALID_JSON,
  INVALID_PAYLOAD,
  UNKNOWN_TYPE,
  NOT_A_MEMBER,
  FORBIDDEN,
  NOT_FOUND,
  TOO_LARGE,
  EDIT_WINDOW_CLOSED,
  RATE_LIMITED,
  WALLET_PROOF_FAILED,
  CHALLENGE_EXPIRED,
  ROOM_EXISTS,
  TOO_MANY_CONNECTIONS,
  INTERNAL
}
