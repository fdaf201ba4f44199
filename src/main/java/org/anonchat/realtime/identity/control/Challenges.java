package org.anonchat.realtime.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import org.anonchat.realtime.identity.entity.Challenge;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues wallet-proof nonces: 24 random bytes, base64url, valid for {@code chat.identity.challenge-ttl-ms}. */
@ApplicationScoped
public class Challenges {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject
  @ConfigProperty(name = "chat.identity.challenge-ttl-ms", defaultValue = "300000")
  long ttlMillis;

  public Challenge issue() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return new Challenge(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), System.currentTimeMillis() + ttlMillis);
  }
}
