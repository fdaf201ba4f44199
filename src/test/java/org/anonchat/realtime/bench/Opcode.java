package org.anonchat.realtime.bench;

/** The WebSocket frame opcodes (RFC 6455, 5.2) that {@link FrameEncoder} and {@link FrameDecoder} use. */
final class Opcode {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private Opcode() {}

  static boolean control(int opcode) {
    return opcode >= CLOSE;
  }
}
