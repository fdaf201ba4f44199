package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-encoded frames must be exactly what RFC 6455 §5.2 says a server sends. */
class OutboundFrameTest {

  @Test
  void shortPayloadHasTheSevenBitLength() {
    byte[] wire = OutboundFrame.of("{\"a\":\"é\"}").wire();
    byte[] payload = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals((byte) 0x81, wire[0], "FIN and the text opcode");
    assertEquals(payload.length, wire[1], "no mask bit, 7-bit length");
    assertArrayEquals(payload, java.util.Arrays.copyOfRange(wire, 2, wire.length));
  }

  @Test
  void lengthsSwitchEncodingAt126And65536() {
    assertHeader(125, 2, 125);
    assertHeader(126, 4, 126);
    assertHeader(65_535, 4, 126);
    assertHeader(65_536, 10, 127);
  }

  private static void assertHeader(int length, int headerBytes, int marker) {
    byte[] wire = OutboundFrame.encode(new byte[length]);
    assertEquals(headerBytes + length, wire.length, "frame size for " + length);
    assertEquals(marker, wire[1] & 0xFF, "length marker for " + length);
    ByteBuffer b = ByteBuffer.wrap(wire, 2, headerBytes - 2);
    long encoded = headerBytes == 2 ? wire[1] : headerBytes == 4 ? b.getShort() & 0xFFFF : b.getLong();
    assertEquals(length, encoded, "encoded length for " + length);
  }

  @Test
  void theBytesAreBuiltOnceAndShared() {
    OutboundFrame frame = OutboundFrame.of("x");
    assertSame(frame.wire(), frame.wire());
  }

  @Test
  void severalFramesAreConcatenatedInOrder() {
    OutboundFrame a = OutboundFrame.of("a");
    OutboundFrame b = OutboundFrame.of("bb");
    assertSame(a.wire(), TyrusFrameWriter.concatenate(List.of(a)), "one frame is written from its shared array");
    assertArrayEquals(new byte[] {(byte) 0x81, 1, 'a', (byte) 0x81, 2, 'b', 'b'}, TyrusFrameWriter.concatenate(List.of(a, b)));
  }
}
