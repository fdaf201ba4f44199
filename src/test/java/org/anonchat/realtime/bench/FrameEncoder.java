package org.anonchat.realtime.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Client frames (RFC 6455, 5.2): always one final frame, always masked (a server must refuse unmasked client
 * frames), with a fresh random mask per frame.
 */
final class FrameEncoder {

  /** Not sent on the wire (RFC 6455, 7.4.1): a close frame without a status code is sent empty. */
  static final int NO_STATUS = 1005;

  private FrameEncoder() {}

  static ByteBuffer text(String text) {
    return frame(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  static ByteBuffer close(int code, String reason) {
    if (code == NO_STATUS) return frame(Opcode.CLOSE, new byte[0]);
    byte[] why = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + why.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(why, 0, payload, 2, why.length);
    return frame(Opcode.CLOSE, payload);
  }

  static ByteBuffer pong(byte[] payload) {
    return frame(Opcode.PONG, payload);
  }

  static ByteBuffer frame(int opcode, byte[] payload) {
    return frame(opcode, payload, ThreadLocalRandom.current().nextInt());
  }

  /** One final frame of {@code opcode} whose payload is masked with {@code mask} (big-endian, as sent). */
  static ByteBuffer frame(int opcode, byte[] payload, int mask) {
    int n = payload.length;
    int lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
    byte[] frame = new byte[2 + lengthBytes + 4 + n];
    frame[0] = (byte) (0x80 | opcode);
    int p = 2;
    if (lengthBytes == 0) {
      frame[1] = (byte) (0x80 | n);
    } else {
      frame[1] = (byte) (0x80 | (lengthBytes == 2 ? 126 : 127));
      for (int shift = 8 * (lengthBytes - 1); shift >= 0; shift -= 8) frame[p++] = (byte) ((long) n >>> shift);
    }
    byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
    System.arraycopy(key, 0, frame, p, 4);
    p += 4;
    for (int i = 0; i < n; i++) frame[p + i] = (byte) (payload[i] ^ key[i & 3]);
    return ByteBuffer.wrap(frame);
  }
}
