package org.anonchat.realtime.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A WebSocket peer on a bare TCP socket, for what library clients hide: it never answers pings or close frames
 * on its own (a peer whose network vanished without a FIN), and it tells a clean end of the TCP connection
 * (EOF) from a reset.
 */
public final class RawPeer implements AutoCloseable {

  /**
   * How a connection ended: the pings and close code the peer read, whether the TCP connection ended (by EOF
   * or reset) and whether by reset, and when the close frame and the end came ({@link System#nanoTime}, 0 if
   * never).
   */
  public record Outcome(int pings, int closeCode, boolean eof, boolean reset, long closeFrameNanos, long endNanos) {}

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final SecureRandom random = new SecureRandom();

  private RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  public static RawPeer connect(URI ws) throws IOException {
    Socket socket = new Socket("127.0.0.1", ws.getPort());
    socket.setSoTimeout(10_000);
    RawPeer peer = new RawPeer(socket);
    String request = "GET " + ws.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + ws.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    peer.out.write(request.getBytes(StandardCharsets.US_ASCII));
    peer.out.flush();
    String status = peer.readHeaders();
    if (!status.contains(" 101 ")) throw new IOException("handshake refused: " + status);
    return peer;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("closed during handshake");
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
  }

  public void sendText(String text) throws IOException {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Starts (or answers) the closing handshake with {@code code}. */
  public void sendClose(int code) throws IOException {
    sendFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
  }

  private void sendFrame(int opcode, byte[] data) throws IOException {
    if (data.length > 65_535) throw new IllegalArgumentException("keep test frames under 64 KiB");
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(data.length + 8);
    frame.write(0x80 | opcode);
    if (data.length <= 125) {
      frame.write(0x80 | data.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(data.length >> 8);
      frame.write(data.length);
    }
    frame.write(mask);
    for (int i = 0; i < data.length; i++) frame.write(data[i] ^ mask[i % 4]);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads frames without ever answering until the server ends the TCP connection or time runs out. */
  public Outcome readUntilClosed(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int pings = 0;
    int closeCode = -1;
    long closeFrameNanos = 0;
    try {
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        Frame frame = readFrame();
        if (frame == null) return new Outcome(pings, closeCode, true, false, closeFrameNanos, System.nanoTime());
        if (frame.opcode() == 0x9) pings++;
        if (frame.opcode() == 0x8) {
          closeFrameNanos = System.nanoTime();
          closeCode = frame.closeCode();
        }
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(pings, closeCode, false, false, closeFrameNanos, 0);
    } catch (IOException e) { // "Connection reset": the server's kernel answered with RST
      return new Outcome(pings, closeCode, true, true, closeFrameNanos, System.nanoTime());
    }
    return new Outcome(pings, closeCode, false, false, closeFrameNanos, 0);
  }

  /** Reads frames until the server's close frame and returns its code; -1 if the connection ended first. */
  public int readUntilCloseFrame(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    for (Frame frame = readFrame(); frame != null; frame = readFrame()) {
      if (frame.opcode() == 0x8) return frame.closeCode();
    }
    return -1;
  }

  private record Frame(int opcode, byte[] body) {
    int closeCode() {
      return body.length >= 2 ? ((body[0] & 0xFF) << 8) | (body[1] & 0xFF) : 1005;
    }
  }

  /** The next frame from the server (never masked), or null at EOF. */
  private Frame readFrame() throws IOException {
    int first = in.read();
    if (first < 0) return null;
    int len = in.readUnsignedByte() & 0x7F;
    long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
    return new Frame(first & 0x0F, in.readNBytes((int) length));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
