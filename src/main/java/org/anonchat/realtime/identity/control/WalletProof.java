package org.anonchat.realtime.identity.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks that a Stellar wallet signed a challenge, with the JDK's own Ed25519 (Java 15+). Two forms are
 * accepted: the signature over the challenge's UTF-8 bytes (what the original server verified) and the
 * SEP-53 signed-message form, a signature over SHA-256("Stellar Signed Message:\n" + challenge), which is
 * what wallets' signMessage produces. Pure and thread-safe.
 */
public final class WalletProof {

  static final String SEP53_PREFIX = "Stellar Signed Message:\n";
  /** DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw 32-byte key follows. */
  private static final byte[] X509_ED25519 = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final int SIGNATURE_BYTES = 64;

  private WalletProof() {}

  /** True if {@code signature} is the account's signature of the challenge, in either accepted form. */
  public static boolean verify(String accountId, String challenge, byte[] signature) {
    PublicKey key = publicKey(StrKey.decodeAccountId(accountId));
    byte[] raw = challenge.getBytes(StandardCharsets.UTF_8);
    return verify(key, raw, signature) || verify(key, sep53Digest(challenge), signature);
  }

  /**
   * The 64 signature bytes from hex (128 hex digits) or base64 (standard or URL alphabet, padding
   * optional); IllegalArgumentException for anything else.
   */
  public static byte[] decodeSignature(String text) {
    String s = text.strip();
    byte[] bytes;
    if (s.length() == 2 * SIGNATURE_BYTES && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      bytes = HexFormat.of().parseHex(s);
    } else {
      String standard = s.replace('-', '+').replace('_', '/');
      try {
        bytes = Base64.getDecoder().decode(standard);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signature must be hex or base64");
      }
    }
    if (bytes.length != SIGNATURE_BYTES) throw new IllegalArgumentException("an Ed25519 signature has 64 bytes");
    return bytes;
  }

  static byte[] sep53Digest(String message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(SEP53_PREFIX.getBytes(StandardCharsets.UTF_8));
      return sha.digest(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static PublicKey publicKey(byte[] raw) {
    byte[] der = new byte[X509_ED25519.length + raw.length];
    System.arraycopy(X509_ED25519, 0, der, 0, X509_ED25519.length);
    System.arraycopy(raw, 0, der, X509_ED25519.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  private static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature is simply not a valid one
    }
  }
}
