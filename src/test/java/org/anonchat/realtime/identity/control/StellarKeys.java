package org.anonchat.realtime.identity.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A real Ed25519 key pair from the JDK, with its public key as a Stellar account id, signing the way the
 * original server expected (raw bytes) and the way SEP-53 wallets do. For tests, unit and integration.
 */
public final class StellarKeys {

  private final KeyPair pair;
  private final String accountId;

  private StellarKeys(KeyPair pair) {
    this.pair = pair;
    byte[] x509 = pair.getPublic().getEncoded(); // 12-byte SubjectPublicKeyInfo header, then the raw key
    this.accountId = StrKey.encodeAccountId(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
  }

  public static StellarKeys generate() {
    try {
      return new StellarKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String accountId() {
    return accountId;
  }

  public byte[] signRaw(String message) {
    return sign(message.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] signSep53(String message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("Stellar Signed Message:\n".getBytes(StandardCharsets.UTF_8));
      return sign(sha.digest(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String signRawHex(String message) {
    return HexFormat.of().formatHex(signRaw(message));
  }

  public String signSep53Base64(String message) {
    return Base64.getEncoder().encodeToString(signSep53(message));
  }

  private byte[] sign(byte[] data) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(pair.getPrivate());
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
