package org.anonchat.realtime.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Server frames (RFC 6455, 5.2: unmasked, no extension) from whatever one read of the socket returned. A frame
 * that lies whole in the read is handed on straight from the read's array; only a frame cut off by the end of
 * the read is copied, into a carry-over array that the next read completes, and only fragments of a text
 * message are gathered. Both stay small or absent between messages: the connections scenario holds 19,000
 * decoders.
 */
final class FrameDecoder {

  /** What the frames say; each is called on the reading thread, in order. */
  interface Frames {
    /** A whole text message, its fragments joined; the array is only valid during the call. */
    void text(byte[] utf8, int offset, int length);

    void ping(byte[] payload);

    /** A close frame; {@link FrameEncoder#NO_STATUS} when it carried no status code. */
    void close(int code, String reason);
  }

  /** The largest message accepted: far above anything the chat server sends. */
  static final int MAX_MESSAGE_BYTES = 16 << 20;
  /** A server frame's header: 2 bytes, then 2 or 8 for a longer payload, and no mask. */
  private static final int MAX_HEADER_BYTES = 10;
  /** A carry-over array up to this size is kept for the next partial frame; a bigger one is let go. */
  private static final int KEPT_CARRY_BYTES = 1024;

  private byte[] carry;
  private int carried;
  private byte[] message;
  private int messageLength;
  private int messageOpcode = -1; // the opcode of the fragmented message in progress; -1 when none

  /** Decodes every frame that {@code in} completes and consumes all of it, carrying a partial frame over. */
  void decode(ByteBuffer in, Frames out) throws ProtocolException {
    byte[] bytes = in.array();
    int at = in.arrayOffset() + in.position();
    int end = in.arrayOffset() + in.limit();
    in.position(in.limit());
    if (carried > 0) at = completeCarry(bytes, at, end, out);
    while (at < end) {
      long length = frameLength(bytes, at, end);
      if (length < 0 || length > end - at) {
        startCarry(bytes, at, end, length);
        return;
      }
      frame(bytes, at, (int) length, out);
      at += (int) length;
    }
  }

  /** Header plus payload of the frame at {@code at}, or -1 while its header is incomplete. */
  private static long frameLength(byte[] b, int at, int end) throws ProtocolException {
    if (end - at < 2) return -1;
    if ((b[at] & 0x70) != 0) throw new ProtocolException("reserved bits set, but no extension was negotiated");
    if ((b[at + 1] & 0x80) != 0) throw new ProtocolException("masked frame from the server");
    int header = headerLength(b[at + 1]);
    if (end - at < header) return -1;
    int length7 = b[at + 1] & 0x7F;
    long payload = length7 < 126 ? length7 : 0;
    for (int i = 2; i < header; i++) payload = payload << 8 | (b[at + i] & 0xFF);
    if (payload < 0 || payload > MAX_MESSAGE_BYTES) throw new ProtocolException("frame of " + payload + " bytes");
    return header + payload;
  }

  private static int headerLength(byte second) {
    int length7 = second & 0x7F;
    return length7 < 126 ? 2 : length7 == 126 ? 4 : 10;
  }

  private void startCarry(byte[] b, int at, int end, long frameLength) {
    int needed = (int) Math.max(frameLength, MAX_HEADER_BYTES);
    if (carry == null || carry.length < needed) carry = new byte[needed];
    carried = end - at;
    System.arraycopy(b, at, carry, 0, carried);
  }

  /** Adds the start of this read to the carried partial frame; decodes it once whole. Returns where the rest starts. */
  private int completeCarry(byte[] b, int at, int end, Frames out) throws ProtocolException {
    long length = frameLength(carry, 0, carried);
    if (length < 0) {
      int take = Math.min(MAX_HEADER_BYTES - carried, end - at);
      System.arraycopy(b, at, carry, carried, take);
      carried += take;
      at += take;
      length = frameLength(carry, 0, carried);
      if (length < 0) return at;
      if (carried > length) {
        // A short frame: what was copied beyond it starts the next frame, which is read from b again.
        at -= carried - (int) length;
        carried = (int) length;
      }
    }
    if (carry.length < length) carry = Arrays.copyOf(carry, (int) length);
    int take = (int) Math.min(length - carried, end - at);
    System.arraycopy(b, at, carry, carried, take);
    carried += take;
    at += take;
    if (carried < length) return at;
    byte[] whole = carry;
    carried = 0;
    if (whole.length > KEPT_CARRY_BYTES) carry = null;
    frame(whole, 0, (int) length, out);
    return at;
  }

  /** Acts on one whole frame of {@code length} bytes at {@code at}. */
  private void frame(byte[] b, int at, int length, Frames out) throws ProtocolException {
    boolean fin = (b[at] & 0x80) != 0;
    int opcode = b[at] & 0x0F;
    int from = at + headerLength(b[at + 1]);
    int payload = at + length - from;
    if (Opcode.control(opcode) && (!fin || payload > 125)) {
      throw new ProtocolException("control frame " + opcode + " fragmented or longer than 125 bytes");
    }
    switch (opcode) {
      case Opcode.TEXT, Opcode.BINARY -> {
        if (messageOpcode >= 0) throw new ProtocolException("a new message inside a fragmented one");
        if (!fin) {
          messageOpcode = opcode;
          gather(b, from, payload);
        } else if (opcode == Opcode.TEXT) {
          out.text(b, from, payload);
        }
      }
      case Opcode.CONTINUATION -> {
        if (messageOpcode < 0) throw new ProtocolException("a continuation frame without a message");
        gather(b, from, payload);
        if (fin) {
          byte[] whole = message;
          int wholeLength = messageLength;
          boolean text = messageOpcode == Opcode.TEXT;
          message = null;
          messageLength = 0;
          messageOpcode = -1;
          if (text) out.text(whole, 0, wholeLength);
        }
      }
      case Opcode.CLOSE -> {
        if (payload == 1) throw new ProtocolException("close frame with a 1-byte payload");
        int code = payload == 0 ? FrameEncoder.NO_STATUS : (b[from] & 0xFF) << 8 | (b[from + 1] & 0xFF);
        out.close(code, payload > 2 ? new String(b, from + 2, payload - 2, StandardCharsets.UTF_8) : "");
      }
      case Opcode.PING -> out.ping(Arrays.copyOfRange(b, from, from + payload));
      case Opcode.PONG -> { } // we send no pings
      default -> throw new ProtocolException("unknown opcode " + opcode);
    }
  }

  /** Appends a fragment of a text message; a binary one (the chat server sends none) is only sized. */
  private void gather(byte[] b, int from, int length) throws ProtocolException {
    if (messageLength + (long) length > MAX_MESSAGE_BYTES) throw new ProtocolException("message over " + MAX_MESSAGE_BYTES + " bytes");
    if (messageOpcode == Opcode.TEXT) {
      if (message == null) message = new byte[Math.max(length, 256)];
      if (message.length < messageLength + length) message = Arrays.copyOf(message, Math.max(messageLength + length, 2 * message.length));
      System.arraycopy(b, from, message, messageLength, length);
    }
    messageLength += length;
  }
}
