package org.anonchat.realtime.connections.control;

import java.util.List;
import java.util.function.Consumer;

/**
 * How a connection's queued frames reach its socket. {@link Connection} keeps at most one write in flight and
 * hands over everything queued since the last one; a writer that can put several frames in one write does
 * (one socket flush for all of them), the others take one frame per call.
 */
interface FrameWriter {

  /** How many frames one {@link #write} may carry. */
  int maxFrames();

  /**
   * Writes the frames in order and then calls {@code done} exactly once, with null or the failure. It may
   * complete inside this call (the socket took the bytes) or later, from a container thread.
   */
  void write(List<OutboundFrame> frames, Consumer<Throwable> done);
}
