package org.anonchat.realtime.persistence.control;

import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/** The folder that holds everything the server must keep across restarts (database, token secret). */
public final class DataFolder {

  public static final String KEY = "chat.data.dir";

  private DataFolder() {}

  /** {@code chat.data.dir}, default {@code data} under the working directory, made absolute. */
  public static Path resolve(Config config) {
    String dir = config.getOptionalValue(KEY, String.class).orElse("data");
    return Path.of(dir).toAbsolutePath().normalize();
  }
}
