package org.anonchat.realtime.connections.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anonchat.realtime.connections.boundary.OriginCheck.OriginPolicy;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

  private final OriginPolicy defaults = new OriginPolicy("", true);

  @Test
  void theServersOwnOriginIsAllowed() {
    assertTrue(defaults.allows("https://chat.example.org", "chat.example.org"));
    assertTrue(defaults.allows("https://chat.example.org", "chat.example.org:443"));
    assertTrue(defaults.allows("http://chat.example.org:8080", "chat.example.org:8080"));
  }

  @Test
  void localhostIsAllowedOnAnyPortByDefault() {
    assertTrue(defaults.allows("http://localhost:3000", "chat.example.org"));
    assertTrue(defaults.allows("http://127.0.0.1:5173", "chat.example.org"));
    assertTrue(defaults.allows("http://[::1]:8080", "chat.example.org"));
  }

  @Test
  void aForeignSiteIsRefused() {
    assertFalse(defaults.allows("https://evil.example", "chat.example.org"));
    assertFalse(defaults.allows("https://chat.example.org.evil.example", "chat.example.org"));
    assertFalse(defaults.allows("http://chat.example.org:8081", "chat.example.org:8080"));
    assertFalse(defaults.allows("https://localhost.evil.example", "chat.example.org"));
  }

  @Test
  void opaqueAndMalformedOriginsAreRefused() {
    assertFalse(defaults.allows("null", "chat.example.org"));
    assertFalse(defaults.allows("file://", "chat.example.org"));
    assertFalse(defaults.allows("chrome-extension://abcdef", "chat.example.org"));
    assertFalse(defaults.allows("http://a b", "chat.example.org"));
  }

  @Test
  void listedOriginsAreAllowedAndLocalhostCanBeTurnedOff() {
    OriginPolicy policy = new OriginPolicy("https://anonchat.example, https://app.anonchat.example/", false);
    assertTrue(policy.allows("https://anonchat.example", "ws.anonchat.example"));
    assertTrue(policy.allows("https://APP.anonchat.example", "ws.anonchat.example"));
    assertFalse(policy.allows("http://localhost:3000", "ws.anonchat.example"));
    assertTrue(policy.allows("https://ws.anonchat.example", "ws.anonchat.example"));
  }

  @Test
  void aStarAllowsAnyOrigin() {
    assertTrue(new OriginPolicy("*", false).allows("https://anything.example", "chat.example.org"));
  }
}
