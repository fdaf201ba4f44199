package org.anonchat.realtime.bench;

import java.net.ProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's side of the HTTP/1.1 upgrade (RFC 6455, 4.1): the GET request with a random key, then the
 * response head, which must be 101 with the matching {@code Sec-WebSocket-Accept}.
 */
final class UpgradeHandshake {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_HEAD_BYTES = 8192;

  private final String key;
  private byte[] head = new byte[256];
  private int headLength;

  UpgradeHandshake() {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    key = Base64.getEncoder().encodeToString(nonce);
  }

  ByteBuffer request(URI uri) {
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String request = "GET " + target + " HTTP/1.1\r\n"
        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Reads response bytes up to the end of the head and no further (frames may follow in the same read and stay
   * in {@code in}); true once the head is complete and accepted.
   */
  boolean read(ByteBuffer in) throws ProtocolException {
    while (in.hasRemaining()) {
      if (headLength == head.length) {
        if (headLength >= MAX_HEAD_BYTES) throw new ProtocolException("upgrade response head over " + MAX_HEAD_BYTES + " bytes");
        head = Arrays.copyOf(head, 2 * headLength);
      }
      head[headLength++] = in.get();
      if (headLength >= 4 && head[headLength - 4] == '\r' && head[headLength - 3] == '\n' && head[headLength - 2] == '\r'
          && head[headLength - 1] == '\n') {
        verify(new String(head, 0, headLength, StandardCharsets.ISO_8859_1));
        return true;
      }
    }
    return false;
  }

  private void verify(String response) throws ProtocolException {
    String[] lines = response.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[1].equals("101")) throw new ProtocolException("upgrade refused: " + lines[0]);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
        String accept = lines[i].substring(colon + 1).trim();
        if (accept.equals(accept(key))) return;
        throw new ProtocolException("Sec-WebSocket-Accept " + accept + " does not match the key " + key);
      }
    }
    throw new ProtocolException("101 response without Sec-WebSocket-Accept");
  }

  /** What the server must answer to {@code key}: base64(SHA-1(key + GUID)). */
  static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
