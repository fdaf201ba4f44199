package org.anonchat.realtime.identity.entity;

/**
 * Who a connection speaks for, as issued by the server: never taken from the client. {@code walletAddress}
 * is set only on a connection that proved the wallet with a signature over its challenge.
 */
public record Identity(String userId, String displayName, String avatarUrl, String token, long tokenExpiresAt,
    String walletAddress) {

  public boolean walletVerified() {
    return walletAddress != null;
  }
}
