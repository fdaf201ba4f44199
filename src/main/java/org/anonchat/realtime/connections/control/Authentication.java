package org.anonchat.realtime.connections.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.anonchat.realtime.connections.entity.ClientCommand.Auth;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.control.Challenges;
import org.anonchat.realtime.identity.control.Identities;
import org.anonchat.realtime.identity.control.StrKey;
import org.anonchat.realtime.identity.control.WalletProof;
import org.anonchat.realtime.identity.entity.Challenge;
import org.anonchat.realtime.identity.entity.Identity;

/**
 * The {@code auth} command: checks the profile fields and, when the frame carries a signature, the wallet
 * proof against this connection's challenge; then binds the connection to the identity the server issues.
 * A challenge serves one proof attempt, successful or not; {@code request_challenge} gets a new one.
 */
@ApplicationScoped
class Authentication {

  @Inject Identities identities;
  @Inject Challenges challenges;
  @Inject Connections connections;
  @Inject AbuseLimits limits;

  Identity authenticate(Connection c, Auth a) {
    String name = Identities.acceptableDisplayName(a.displayName());
    if (name == null) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "displayName must be 1.." + Identities.MAX_DISPLAY_NAME + " characters");
    }
    if (!Identities.acceptableAvatarUrl(a.avatarUrl())) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "avatarUrl must be an http(s) URL of at most " + Identities.MAX_AVATAR_URL + " characters");
    }
    String wallet = a.provesWallet() ? provenWallet(c, a) : null;
    Identity identity = identities.authenticate(name, a.avatarUrl(), a.token(), wallet);
    limits.checkUserConnections(c, identity.userId());
    connections.authenticate(c, identity);
    return identity;
  }

  ServerEvent.Challenge newChallenge(Connection c, String ref) {
    Challenge fresh = challenges.issue();
    c.challenge(fresh);
    return new ServerEvent.Challenge(ref, fresh.nonce(), fresh.expiresAt());
  }

  static String provenWallet(Connection c, Auth a) {
    if (!StrKey.isAccountId(a.walletAddress())) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, "walletAddress must be a Stellar account id (G..., 56 characters, valid checksum)");
    }
    byte[] signature;
    try {
      signature = WalletProof.decodeSignature(a.signature());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(ErrorCode.INVALID_PAYLOAD, e.getMessage());
    }
    Challenge challenge = c.takeChallenge();
    if (challenge == null || challenge.isExpired(System.currentTimeMillis())) {
      throw new ProtocolException(ErrorCode.CHALLENGE_EXPIRED, "the challenge was used or has expired; send request_challenge");
    }
    if (!WalletProof.verify(a.walletAddress(), challenge.nonce(), signature)) {
      throw new ProtocolException(ErrorCode.WALLET_PROOF_FAILED,
          "signature does not verify for this wallet and challenge; send request_challenge for a new one");
    }
    return a.walletAddress();
  }
}
