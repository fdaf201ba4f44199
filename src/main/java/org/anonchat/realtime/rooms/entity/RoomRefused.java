package org.anonchat.realtime.rooms.entity;

/** A room action the rules do not allow; the connections component maps the reason to an error code. */
public class RoomRefused extends RuntimeException {

  public enum Reason { EXISTS, FORBIDDEN, NOT_FOUND }

  private final Reason reason;

  public RoomRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
