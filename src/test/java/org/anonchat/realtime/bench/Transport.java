package org.anonchat.realtime.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket as {@link BenchClient} needs it: text out, whole text messages in, reading that can be
 * paused, and how the socket ended. {@link JdkTransport} wraps {@code java.net.http.WebSocket};
 * {@link NioTransport} is the cheaper hand-written client. {@link Target} opens them.
 */
interface Transport {

  /** Receives each complete text message, in arrival order, on the transport's reading thread. */
  interface Inbound {
    void onText(String text);
  }

  /** How a socket ended: the close frame's code and reason, or -1 and the error when no close frame came. */
  record Closed(int code, String detail) {

    static Closed byFrame(int code, String reason) {
      return new Closed(code, "close frame " + code + " \"" + reason + "\"");
    }

    static Closed byError(Throwable error) {
      StackTraceElement[] at = error.getStackTrace();
      return new Closed(-1, "no close frame: " + error + (at.length > 0 ? " at " + at[0] : "")
          + (error.getCause() != null ? ", caused by " + error.getCause() : ""));
    }

    static Closed endOfStream() {
      return new Closed(-1, "no close frame: the server closed the connection (end of stream)");
    }

    static Closed aborted() {
      return new Closed(-1, "no close frame: aborted by the client");
    }
  }

  /** Sends one whole text message; completes once it is handed to the socket. */
  CompletableFuture<Void> sendText(String text);

  /** Starts the close handshake; {@link #closed()} completes when the server's close frame arrives. */
  CompletableFuture<Void> sendClose(int code, String reason);

  /** Stops reading the socket, so that the kernel's buffers fill up and the server's frames back up. */
  void pause();

  void resume();

  /** Closes the socket at once, without a handshake. */
  void abort();

  /** Completes once the socket ended, however it ended (an abort included). */
  CompletableFuture<Closed> closed();
}
