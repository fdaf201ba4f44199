package org.anonchat.realtime.presence;

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
 * A WebSocket peer on a bare TCP socket that never answers pings, which library clients do on their own.
 * It models a peer whose network vanished without a FIN.
 */
final class SilentPeer implements AutoCloseable {

  record Outcome(int pings, int closeCode, boolean eof) {}

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final SecureRandom random = new SecureRandom();

  private SilentPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static SilentPeer connect(URI ws) throws IOException {
    Socket socket = new Socket("127.0.0.1", ws.getPort());
    socket.setSoTimeout(10_000);
    SilentPeer peer = new SilentPeer(socket);
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

  void sendText(String text) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    if (data.length > 125) throw new IllegalArgumentException("keep test frames short");
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | data.length);
    frame.write(mask);
    for (int i = 0; i < data.length; i++) frame.write(data[i] ^ mask[i % 4]);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads frames without ever answering until the server closes the TCP connection or time runs out. */
  Outcome readUntilClosed(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int pings = 0;
    int closeCode = -1;
    try {
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        int first = in.read();
        if (first < 0) return new Outcome(pings, closeCode, true);
        int opcode = first & 0x0F;
        int len = in.readUnsignedByte() & 0x7F;
        long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        byte[] body = in.readNBytes((int) length);
        if (opcode == 0x9) pings++;
        if (opcode == 0x8 && body.length >= 2) closeCode = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(pings, closeCode, false);
    } catch (IOException e) { // reset by the server also ends the connection
      return new Outcome(pings, closeCode, true);
    }
    return new Outcome(pings, closeCode, false);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
