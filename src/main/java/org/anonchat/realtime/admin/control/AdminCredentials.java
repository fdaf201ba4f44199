package org.anonchat.realtime.admin.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;
import org.anonchat.realtime.persistence.control.DataFolder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one admin account. Its password is only ever known as a hash: {@code chat.admin.password-hash}, or,
 * when that is not set, a hash kept in the data folder. On the very first start without either, a strong
 * password is generated, its hash stored, and the password printed to the log once; there is no default
 * password (docs/decisions/0040).
 */
@ApplicationScoped
public class AdminCredentials {

  private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());
  static final String HASH_FILE = "admin-password-hash";

  @Inject
  @ConfigProperty(name = "chat.admin.username", defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = "chat.admin.password-hash")
  Optional<String> configuredHash;

  @Inject
  Config config;

  private PasswordHash hash;

  @PostConstruct
  void init() {
    hash = PasswordHash.parse(storedHash());
  }

  public String username() {
    return username;
  }

  /** True for the admin's name and password. Costs a full PBKDF2 run even for a wrong name (no timing hint). */
  public boolean matches(String name, char[] password) {
    boolean passwordOk = hash.matches(password);
    boolean nameOk = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
    return passwordOk && nameOk;
  }

  private String storedHash() {
    return storedHash(configuredHash, DataFolder.resolve(config), username);
  }

  /** The configured hash, else the one in the data folder, else a new one for a generated, logged password. */
  static String storedHash(Optional<String> configured, Path dataFolder, String username) {
    if (configured.isPresent() && !configured.get().isBlank()) return configured.get();
    Path file = dataFolder.resolve(HASH_FILE);
    try {
      if (Files.exists(file)) return Files.readString(file).strip();
      String password = PasswordHash.randomPassword();
      String fresh = PasswordHash.create(password.toCharArray(), PasswordHash.DEFAULT_ITERATIONS);
      Files.createDirectories(file.getParent());
      Files.writeString(file, fresh, StandardOpenOption.CREATE_NEW);
      restrictToOwner(file);
      // Printed once: only the hash is stored, so this line is the only place the password ever appears.
      LOG.warning(() -> "No chat.admin.password-hash configured. Generated the admin password for user '" + username
          + "': " + password + " (only its hash is kept, in " + file + "; delete that file to generate a new one)");
      return fresh;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read or create the admin password hash " + file, e);
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      LOG.fine("Could not restrict permissions of the admin password hash: " + e);
    }
  }
}
