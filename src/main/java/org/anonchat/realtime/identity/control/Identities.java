package org.anonchat.realtime.identity.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.anonchat.realtime.identity.entity.Identity;
import org.anonchat.realtime.persistence.control.DataFolder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues anonymous identities and resumes them from signed tokens. The HMAC secret comes from
 * {@code chat.identity.secret}; if unset, one is generated once and kept in the data folder, so tokens
 * survive restarts.
 */
@ApplicationScoped
public class Identities {

  private static final Logger LOG = Logger.getLogger(Identities.class.getName());
  static final String SECRET_FILE = "token-secret";
  public static final int MAX_DISPLAY_NAME = 64;
  public static final int MAX_AVATAR_URL = 2048;

  @Inject
  @ConfigProperty(name = "chat.identity.secret")
  Optional<String> configuredSecret;

  @Inject
  @ConfigProperty(name = "chat.identity.token-ttl", defaultValue = "P30D")
  Duration tokenTtl;

  @Inject
  Config config;

  @Inject
  Wallets wallets;

  private TokenSigner signer;

  @PostConstruct
  void init() {
    signer = new TokenSigner(secret());
  }

  /**
   * The identity for an {@code auth}: the token's user if the token is genuine and unexpired, otherwise
   * a new anonymous user. Display name and avatar are taken from the request each time.
   */
  public Identity authenticate(String displayName, String avatarUrl, String token) {
    return authenticate(displayName, avatarUrl, token, null);
  }

  /**
   * As above, for a connection that has just proven {@code provenWallet} (null: none). A proven wallet
   * decides the user: the user bound to it, or, for a wallet seen for the first time, the resumed
   * anonymous user (if it has no wallet yet) or a new one.
   */
  public Identity authenticate(String displayName, String avatarUrl, String token, String provenWallet) {
    long now = System.currentTimeMillis();
    Optional<String> resumed = signer.verify(token, now);
    String userId = provenWallet == null
        ? resumed.orElseGet(() -> "u-" + UUID.randomUUID())
        : walletUser(provenWallet, resumed.orElse(null));
    long expiresAt = now + tokenTtl.toMillis();
    return new Identity(userId, displayName, avatarUrl, signer.sign(userId, expiresAt), expiresAt, provenWallet);
  }

  /** The user a wallet is, binding it on first sight; the user for a wallet address nobody proved yet too. */
  public String walletUser(String walletAddress, String preferredUserId) {
    try {
      return wallets.bind(walletAddress, preferredUserId);
    } catch (RuntimeException lostRace) {
      // Another connection bound the same new wallet at the same moment; its binding is the one.
      return wallets.userOf(walletAddress).orElseThrow(() -> lostRace);
    }
  }

  /** Trimmed display name, 1..64 characters; null if unacceptable. */
  public static String acceptableDisplayName(String raw) {
    String name = raw.strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) return null;
    if (name.chars().anyMatch(Character::isISOControl)) return null;
    return name;
  }

  /** Only http(s) URLs: a {@code javascript:} avatar must never reach another user's page. */
  public static boolean acceptableAvatarUrl(String url) {
    return url == null || (url.length() <= MAX_AVATAR_URL && (url.startsWith("https://") || url.startsWith("http://")));
  }

  private byte[] secret() {
    if (configuredSecret.isPresent() && !configuredSecret.get().isBlank()) {
      byte[] bytes = configuredSecret.get().getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 32) throw new IllegalStateException("chat.identity.secret must be at least 32 bytes");
      return bytes;
    }
    Path file = DataFolder.resolve(config).resolve(SECRET_FILE);
    try {
      if (Files.exists(file)) return Base64.getDecoder().decode(Files.readString(file).strip());
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Files.createDirectories(file.getParent());
      Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.CREATE_NEW);
      restrictToOwner(file);
      LOG.info(() -> "Generated a token secret in " + file);
      return fresh;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read or create the token secret " + file, e);
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.fine("Could not restrict permissions of the token secret: " + e);
    }
  }
}
