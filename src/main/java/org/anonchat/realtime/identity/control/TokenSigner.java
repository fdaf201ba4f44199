package org.anonchat.realtime.identity.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identity tokens: {@code v1.<userId base64url>.<expiry epoch ms>.<HMAC-SHA256 base64url>}. The server
 * alone can mint them, so a client can only resume an identity it was given. Pure and thread-safe.
 */
public final class TokenSigner {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  public TokenSigner(byte[] secret) {
    if (secret.length < 32) throw new IllegalArgumentException("token secret must have at least 32 bytes");
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  public String sign(String userId, long expiresAt) {
    String body = "v1." + B64.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + expiresAt;
    return body + "." + B64.encodeToString(mac(body));
  }

  /** The user id of a genuine, unexpired token. */
  public Optional<String> verify(String token, long now) {
    if (token == null || token.length() > 512) return Optional.empty();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !"v1".equals(parts[0])) return Optional.empty();
    try {
      String body = parts[0] + "." + parts[1] + "." + parts[2];
      // Compare the canonical encoding, so exactly one string is valid for each token.
      byte[] expected = B64.encodeToString(mac(body)).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
      if (Long.parseLong(parts[2]) <= now) return Optional.empty();
      return Optional.of(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) { // bad base64 or number
      return Optional.empty();
    }
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
