package org.anonchat.realtime.admin.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the form {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (salt and hash in Base64),
 * made and checked with the JDK's PBKDF2WithHmacSHA256 only. The iteration count is part of the hash, so it
 * can be raised later without invalidating stored hashes.
 *
 * <p>Run {@code java -cp target/classes org.anonchat.realtime.admin.control.PasswordHash} and type a password
 * to get the value for {@code chat.admin.password-hash}.
 */
public final class PasswordHash {

  static final String SCHEME = "pbkdf2-sha256";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  public static String create(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(derive(password, salt, iterations));
  }

  /** Parses a stored hash; IllegalArgumentException if it is not in the expected form. */
  public static PasswordHash parse(String stored) {
    String[] parts = stored.strip().split(":");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      throw new IllegalArgumentException("expected " + SCHEME + ":<iterations>:<salt>:<hash>");
    }
    int iterations = Integer.parseInt(parts[1]);
    if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
    return new PasswordHash(iterations, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
  }

  /** Constant-time comparison of the derived key with the stored one. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** A strong random password (144 bits, URL-safe Base64), for the first start without a configured hash. */
  public static String randomPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Prints the hash of a password read from the console (not echoed) or, without a console, from stdin. */
  public static void main(String[] args) throws Exception {
    char[] password;
    if (System.console() != null) {
      password = System.console().readPassword("Admin password: ");
    } else {
      password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip().toCharArray();
    }
    if (password.length == 0) throw new IllegalArgumentException("empty password");
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ITERATIONS;
    System.out.println(create(password, iterations));
  }
}
