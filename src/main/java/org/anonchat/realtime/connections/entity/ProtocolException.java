package org.anonchat.realtime.connections.entity;

/**
 * A client frame that cannot be honoured. It becomes an {@code error} event to that connection alone,
 * which stays open.
 */
public class ProtocolException extends RuntimeException {

  private final ErrorCode code;
  private final String ref;

  public ProtocolException(ErrorCode code, String message) {
    this(code, message, null);
  }

  private ProtocolException(ErrorCode code, String message, String ref) {
    // No stack trace: this is an expected outcome of bad input, not a bug.
    super(message, null, false, false);
    this.code = code;
    this.ref = ref;
  }

  /** The same error, answering the frame that carried {@code ref}. */
  public ProtocolException withRef(String ref) {
    return ref == null ? this : new ProtocolException(code, getMessage(), ref);
  }

  public String ref() {
    return ref;
  }

  public ErrorCode code() {
    return code;
  }
}
