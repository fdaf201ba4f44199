package org.anonchat.realtime.connections.control;

import java.nio.charset.StandardCharsets;

/**
 * One server-to-client text frame, shared by every recipient of a broadcast. The wire form (RFC 6455 §5.2:
 * FIN + text opcode, the payload length, no mask, the UTF-8 payload) is built once, on first use, and then
 * written as-is to every socket that can take raw bytes (decision 0031), so a room of 200 costs one
 * encoding, not 200.
 */
public final class OutboundFrame {

  private static final byte FIN_TEXT = (byte) 0x81;

  private final String text;
  private volatile byte[] wire; // built lazily: a benign race at worst builds the same bytes twice

  private OutboundFrame(String text) {
    this.text = text;
  }

  public static OutboundFrame of(String text) {
    return new OutboundFrame(text);
  }

  public String text() {
    return text;
  }

  /** The complete frame as it goes on the wire. Callers must not modify the array. */
  byte[] wire() {
    byte[] bytes = wire;
    if (bytes == null) wire = bytes = encode(text.getBytes(StandardCharsets.UTF_8));
    return bytes;
  }

  static byte[] encode(byte[] payload) {
    int n = payload.length;
    int header = n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + n];
    frame[0] = FIN_TEXT;
    if (n <= 125) {
      frame[1] = (byte) n;
    } else if (n <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = 127;
      long length = n;
      for (int i = 0; i < 8; i++) frame[2 + i] = (byte) (length >>> (56 - 8 * i));
    }
    System.arraycopy(payload, 0, frame, header, n);
    return frame;
  }
}
