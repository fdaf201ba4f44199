package org.anonchat.realtime.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentitiesTest {

  @Test
  void trimsTheDisplayName() {
    assertEquals("Ann Lee", Identities.acceptableDisplayName("  Ann Lee\t"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
  void rejectsABlankDisplayName(String name) {
    assertNull(Identities.acceptableDisplayName(name));
  }

  @Test
  void acceptsUpTo64Characters() {
    assertEquals("a".repeat(64), Identities.acceptableDisplayName("a".repeat(64)));
    assertNull(Identities.acceptableDisplayName("a".repeat(65)));
  }

  @Test
  void countsCodePointsNotUtf16Units() {
    String emoji = "\uD83D\uDE00".repeat(64);
    assertEquals(emoji, Identities.acceptableDisplayName(emoji));
    assertNull(Identities.acceptableDisplayName(emoji + "\uD83D\uDE00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann\u0000", "An\nn", "A\u0007nn", "Ann\u007F", "A\u009Bnn"})
  void rejectsControlCharactersInTheDisplayName(String name) {
    assertNull(Identities.acceptableDisplayName(name));
  }

  @Test
  void keepsMarkupInTheDisplayNameForTheRendererToEscape() {
    assertEquals("<b>Ann</b>", Identities.acceptableDisplayName("<b>Ann</b>"));
  }

  @Test
  void acceptsAnAbsentAvatar() {
    assertTrue(Identities.acceptableAvatarUrl(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://cdn.example/a.png", "http://localhost:8080/a.png"})
  void acceptsHttpAndHttpsAvatars(String url) {
    assertTrue(Identities.acceptableAvatarUrl(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "ftp://host/a.png",
      "//host/a.png", "", " https://host/a.png", "https:/host"})
  void rejectsOtherAvatarUrls(String url) {
    assertFalse(Identities.acceptableAvatarUrl(url));
  }

  @Test
  void acceptsAvatarUrlsUpTo2048Characters() {
    String base = "https://cdn.example/";
    assertTrue(Identities.acceptableAvatarUrl(base + "a".repeat(2048 - base.length())));
    assertFalse(Identities.acceptableAvatarUrl(base + "a".repeat(2049 - base.length())));
  }
}
