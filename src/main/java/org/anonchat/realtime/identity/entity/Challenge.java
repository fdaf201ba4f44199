package org.anonchat.realtime.identity.entity;

/** A connection's wallet-proof nonce and when it stops being accepted (epoch ms). */
public record Challenge(String nonce, long expiresAt) {

  public boolean isExpired(long now) {
    return now >= expiresAt;
  }
}
