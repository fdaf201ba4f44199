package org.anonchat.realtime.messages.entity;

/** Why the messages component refused a request; the protocol maps each reason to an error code. */
public class MessageRejected extends RuntimeException {

  public enum Reason { NOT_FOUND, FORBIDDEN, EDIT_WINDOW_CLOSED, TOO_LARGE, INVALID }

  private final Reason reason;

  public MessageRejected(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
