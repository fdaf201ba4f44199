package org.anonchat.realtime.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

  private static final Pattern LOGGED_PASSWORD = Pattern.compile("user 'admin': (\\S+) ");

  @TempDir
  Path data;

  @Test
  void withoutAHashTheFirstStartGeneratesAPasswordLogsItOnceAndKeepsOnlyItsHash() throws Exception {
    List<String> logged = new ArrayList<>();
    Logger logger = Logger.getLogger(AdminCredentials.class.getName());
    Handler capture = new Handler() {
      @Override public void publish(LogRecord r) { logged.add(r.getMessage()); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    logger.addHandler(capture);
    try {
      String first = AdminCredentials.storedHash(Optional.empty(), data, "admin");
      assertEquals(1, logged.size(), "the generated password is logged once");
      Matcher m = LOGGED_PASSWORD.matcher(logged.get(0));
      assertTrue(m.find(), logged.get(0));
      String password = m.group(1);
      assertTrue(PasswordHash.parse(first).matches(password.toCharArray()), "the stored hash is the logged password's");
      String file = Files.readString(data.resolve(AdminCredentials.HASH_FILE));
      assertEquals(first, file);
      assertFalse(file.contains(password), "the password itself is not stored");

      assertEquals(first, AdminCredentials.storedHash(Optional.empty(), data, "admin"), "the next start reads it");
      assertEquals(1, logged.size(), "and prints nothing");
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void aConfiguredHashWinsAndNothingIsWritten() {
    String configured = PasswordHash.create("pw".toCharArray(), 1000);
    assertEquals(configured, AdminCredentials.storedHash(Optional.of(configured), data, "admin"));
    assertFalse(Files.exists(data.resolve(AdminCredentials.HASH_FILE)));
  }
}
