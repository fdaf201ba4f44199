package org.anonchat.realtime.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSignerTest {

  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final long EXPIRES = 1_700_000_000_000L;
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  TokenSigner cut = new TokenSigner(SECRET);

  /** A body signed with the real secret, to reach the checks that run after the signature. */
  static String signedBody(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    return body + "." + B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
  }

  static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void verifiesItsOwnTokenToTheUser() {
    assertEquals(Optional.of("u-ann"), cut.verify(cut.sign("u-ann", EXPIRES), EXPIRES - 1));
    assertEquals(Optional.of("u-zoë ✓"), cut.verify(cut.sign("u-zoë ✓", EXPIRES), 0));
  }

  @Test
  void rejectsAnExpiredToken() {
    String token = cut.sign("u-ann", EXPIRES);
    assertEquals(Optional.empty(), cut.verify(token, EXPIRES));
    assertEquals(Optional.empty(), cut.verify(token, EXPIRES + 1));
  }

  @Test
  void rejectsATamperedSignature() {
    String token = cut.sign("u-ann", EXPIRES);
    int i = token.length() - 10;
    String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
    assertEquals(Optional.empty(), cut.verify(tampered, 0));
  }

  @Test
  void acceptsOnlyTheCanonicalSpellingOfASignature() {
    String token = cut.sign("u-ann", EXPIRES);
    char last = token.charAt(token.length() - 1);
    // The last base64url character of a 32-byte MAC carries 2 unused bits; flipping them decodes alike.
    char sibling = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) ^ 1);
    assertEquals(Optional.empty(), cut.verify(token.substring(0, token.length() - 1) + sibling, 0));
    assertEquals(Optional.empty(), cut.verify(token + "=", 0));
  }

  @Test
  void rejectsATamperedUserId() {
    String[] parts = cut.sign("u-ann", EXPIRES).split("\\.");
    String tampered = parts[0] + "." + b64("u-bob") + "." + parts[2] + "." + parts[3];
    assertEquals(Optional.empty(), cut.verify(tampered, 0));
  }

  @Test
  void rejectsATamperedExpiry() {
    String[] parts = cut.sign("u-ann", EXPIRES).split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + (EXPIRES * 2) + "." + parts[3];
    assertEquals(Optional.empty(), cut.verify(tampered, EXPIRES + 1));
  }

  @Test
  void rejectsATokenSignedWithAnotherSecret() {
    TokenSigner other = new TokenSigner("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII));
    assertEquals(Optional.empty(), cut.verify(other.sign("u-ann", EXPIRES), 0));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"a.b", "v1.dS1hbm4.1700000000000", "v2.dS1hbm4.1700000000000.c2ln", "v1.dS1hbm4.1.c2ln.x",
      "v1.dS1hbm4.1700000000000.***", "v1...", "...."})
  void rejectsGarbage(String token) {
    assertEquals(Optional.empty(), cut.verify(token, 0));
  }

  @Test
  void rejectsAGenuinelySignedBodyWithANonNumericExpiry() throws Exception {
    assertEquals(Optional.empty(), cut.verify(signedBody("v1." + b64("u-ann") + ".soon"), 0));
  }

  @Test
  void rejectsAGenuinelySignedBodyWithBadBase64UserId() throws Exception {
    assertEquals(Optional.empty(), cut.verify(signedBody("v1.u*ann." + EXPIRES), 0));
  }

  @Test
  void rejectsAnOverlongToken() {
    assertEquals(Optional.empty(), cut.verify(cut.sign("u".repeat(400), EXPIRES), 0));
  }

  @Test
  void rejectsASecretShorterThan32Bytes() {
    assertThrows(IllegalArgumentException.class, () -> new TokenSigner(new byte[31]));
    new TokenSigner(new byte[32]);
  }
}
