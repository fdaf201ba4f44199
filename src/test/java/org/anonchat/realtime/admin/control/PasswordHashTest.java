package org.anonchat.realtime.admin.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void aHashMatchesItsPasswordOnly() {
    String stored = PasswordHash.create("correct horse".toCharArray(), 1000);
    assertTrue(stored.startsWith("pbkdf2-sha256:1000:"), stored);
    assertTrue(PasswordHash.parse(stored).matches("correct horse".toCharArray()));
    assertFalse(PasswordHash.parse(stored).matches("correct horse ".toCharArray()));
    assertFalse(PasswordHash.parse(stored).matches(new char[0]));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(PasswordHash.create("pw".toCharArray(), 1000), PasswordHash.create("pw".toCharArray(), 1000));
  }

  @Test
  void theTestServersHashMatchesTheDocumentedTestPassword() {
    String pomHash = "pbkdf2-sha256:1000:YwjJ/cP+kUcytTAukwbZwg==:P7obNBOH5gxPg95kcHSBhNzpTLvsVQcyYxulJBVdujU=";
    assertTrue(PasswordHash.parse(pomHash).matches("it-admin-password".toCharArray()));
  }

  @Test
  void malformedHashesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("plain-password"));
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5:1:aa:bb"));
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:0:aa:bb"));
  }

  @Test
  void generatedPasswordsAreLongAndDistinct() {
    String a = PasswordHash.randomPassword();
    assertTrue(a.length() >= 24, a);
    assertNotEquals(a, PasswordHash.randomPassword());
  }
}
