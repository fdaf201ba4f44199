package org.anonchat.realtime.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NIO client's frames: what it writes must be masked and sized right; what it reads may arrive in any cut. */
class FrameCodecTest {

  /** Records what the decoder reports, one line per frame. */
  private static final class Recorded implements FrameDecoder.Frames {
    final List<String> frames = new ArrayList<>();

    @Override
    public void text(byte[] utf8, int offset, int length) {
      frames.add("text " + new String(utf8, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void ping(byte[] payload) {
      frames.add("ping " + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void close(int code, String reason) {
      frames.add("close " + code + " " + reason);
    }
  }

  /** A frame as the server writes it: unmasked. */
  private static byte[] serverFrame(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    int n = payload.length;
    if (n < 126) {
      out.write(n);
    } else if (n <= 0xFFFF) {
      out.write(126);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) out.write((int) ((long) n >>> shift));
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] serverText(String text) {
    return serverFrame(true, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    Arrays.fill(chars, c);
    return new String(chars);
  }

  /** Feeds {@code bytes} to one decoder in reads cut at {@code cuts}, as a socket might return them. */
  private static List<String> decode(byte[] bytes, int... cuts) throws ProtocolException {
    FrameDecoder decoder = new FrameDecoder();
    Recorded recorded = new Recorded();
    int from = 0;
    for (int cut : cuts) {
      decoder.decode(ByteBuffer.wrap(bytes, from, cut - from).slice(), recorded);
      from = cut;
    }
    decoder.decode(ByteBuffer.wrap(bytes, from, bytes.length - from), recorded);
    return recorded.frames;
  }

  /** The payload of a client frame, unmasked, after checking its header. */
  private static byte[] unmask(ByteBuffer frame, int opcode, int lengthField, int headerBytes) {
    byte[] f = Arrays.copyOfRange(frame.array(), frame.position(), frame.limit());
    assertEquals(0x80 | opcode, f[0] & 0xFF, "FIN and the opcode");
    assertEquals(0x80, f[1] & 0x80, "the mask bit: every client frame is masked");
    assertEquals(lengthField, f[1] & 0x7F, "the 7-bit length field");
    byte[] payload = new byte[f.length - headerBytes];
    for (int i = 0; i < payload.length; i++) payload[i] = (byte) (f[headerBytes + i] ^ f[headerBytes - 4 + (i & 3)]);
    return payload;
  }

  @Test
  void aShortTextIsMaskedWithAFreshKeyPerFrame() {
    ByteBuffer frame = FrameEncoder.frame(Opcode.TEXT, "hello".getBytes(StandardCharsets.UTF_8), 0x01020304);
    assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 'h' ^ 1, 'e' ^ 2, 'l' ^ 3, 'l' ^ 4, 'o' ^ 1},
        Arrays.copyOf(frame.array(), frame.limit()));
    assertNotEquals(FrameEncoder.text("same").getInt(2), FrameEncoder.text("same").getInt(2), "a new mask per frame");
    assertEquals("héllo ✓", new String(unmask(FrameEncoder.text("héllo ✓"), Opcode.TEXT, 10, 6), StandardCharsets.UTF_8));
  }

  @Test
  void lengthsOver125UseTheSixteenBitAndSixtyFourBitFields() {
    String medium = repeat('m', 300);
    ByteBuffer mediumFrame = FrameEncoder.text(medium);
    assertEquals(300, (mediumFrame.get(2) & 0xFF) << 8 | (mediumFrame.get(3) & 0xFF));
    assertEquals(medium, new String(unmask(mediumFrame, Opcode.TEXT, 126, 8), StandardCharsets.UTF_8));
    String large = repeat('L', 70_000);
    ByteBuffer largeFrame = FrameEncoder.text(large);
    assertEquals(70_000L, largeFrame.getLong(2));
    assertEquals(large, new String(unmask(largeFrame, Opcode.TEXT, 127, 14), StandardCharsets.UTF_8));
  }

  @Test
  void aCloseFrameCarriesItsCodeOrNothingFor1005() {
    assertArrayEquals(new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}, unmask(FrameEncoder.close(1000, "bye"), Opcode.CLOSE, 5, 6));
    assertArrayEquals(new byte[0], unmask(FrameEncoder.close(FrameEncoder.NO_STATUS, "ignored"), Opcode.CLOSE, 0, 6));
  }

  @Test
  void decodesTheThreeLengthFormsInOneRead() throws ProtocolException {
    String medium = repeat('m', 300);
    String large = repeat('L', 70_000);
    byte[] stream = concat(serverText("short"), serverText(medium), serverText(large));
    assertEquals(List.of("text short", "text " + medium, "text " + large), decode(stream));
  }

  @Test
  void reassemblesAFragmentedTextAroundAPing() throws ProtocolException {
    byte[] stream = concat(
        serverFrame(false, Opcode.TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8)),
        serverFrame(true, Opcode.PING, "p".getBytes(StandardCharsets.UTF_8)),
        serverFrame(false, Opcode.CONTINUATION, "\"méssage\"".getBytes(StandardCharsets.UTF_8)),
        serverFrame(true, Opcode.CONTINUATION, "}".getBytes(StandardCharsets.UTF_8)),
        serverText("next"));
    assertEquals(List.of("ping p", "text {\"type\":\"méssage\"}", "text next"), decode(stream));
  }

  @Test
  void aFrameSplitAcrossReadsAtAnyByteDecodesTheSame() throws ProtocolException {
    String medium = repeat('m', 300);
    byte[] stream = concat(serverText("a"), serverText(medium), serverFrame(true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE9, 'g', 'o'}),
        serverText("é"));
    List<String> whole = decode(stream);
    assertEquals(List.of("text a", "text " + medium, "close 1001 go", "text é"), whole);
    for (int cut = 1; cut < stream.length; cut++) assertEquals(whole, decode(stream, cut), "cut at " + cut);
    int[] everyByte = new int[stream.length - 1];
    for (int i = 0; i < everyByte.length; i++) everyByte[i] = i + 1;
    assertEquals(whole, decode(stream, everyByte), "one byte per read");
  }

  @Test
  void aLargeFrameSplitInItsLengthFieldDecodes() throws ProtocolException {
    String large = repeat('L', 70_000);
    byte[] stream = concat(serverText(large), serverText("after"));
    assertEquals(List.of("text " + large, "text after"), decode(stream, 5, 40_000));
  }

  @Test
  void aCloseWithoutPayloadReads1005() throws ProtocolException {
    assertEquals(List.of("close 1005 "), decode(serverFrame(true, Opcode.CLOSE, new byte[0])));
  }

  @Test
  void aMaskedServerFrameIsAProtocolError() {
    byte[] masked = Arrays.copyOf(FrameEncoder.text("x").array(), 7);
    assertThrows(ProtocolException.class, () -> decode(masked));
  }

  @Test
  void theAcceptValueIsTheOneOfRfc6455() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", UpgradeHandshake.accept("dGhlIHNhbXBsZSBub25jZQ=="));
  }
}
