package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.anonchat.realtime.connections.entity.ClientCommand.Auth;
import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.anonchat.realtime.identity.control.StellarKeys;
import org.anonchat.realtime.identity.entity.Challenge;
import org.junit.jupiter.api.Test;

/** The challenge rules of the wallet proof: bound to the connection, single-use, expiring. */
class WalletChallengeTest {

  private final StellarKeys wallet = StellarKeys.generate();
  private final Connection connection = new Connection("c1", null, null, Runnable::run, 10, null, null);

  private Auth signed(String nonce) {
    return new Auth(null, "Ada", null, null, wallet.accountId(), wallet.signSep53Base64(nonce));
  }

  @Test
  void aLiveChallengeProvesTheWalletOnce() {
    connection.challenge(new Challenge("n-1", System.currentTimeMillis() + 60_000));
    assertEquals(wallet.accountId(), Authentication.provenWallet(connection, signed("n-1")));
    ProtocolException again = assertThrows(ProtocolException.class, () -> Authentication.provenWallet(connection, signed("n-1")));
    assertEquals(ErrorCode.CHALLENGE_EXPIRED, again.code());
  }

  @Test
  void anExpiredChallengeIsRefusedEvenWithAGoodSignature() {
    connection.challenge(new Challenge("n-2", System.currentTimeMillis() - 1));
    ProtocolException e = assertThrows(ProtocolException.class, () -> Authentication.provenWallet(connection, signed("n-2")));
    assertEquals(ErrorCode.CHALLENGE_EXPIRED, e.code());
  }

  @Test
  void aFailedProofUsesTheChallengeUp() {
    connection.challenge(new Challenge("n-3", System.currentTimeMillis() + 60_000));
    ProtocolException wrong = assertThrows(ProtocolException.class, () -> Authentication.provenWallet(connection, signed("other")));
    assertEquals(ErrorCode.WALLET_PROOF_FAILED, wrong.code());
    assertNull(connection.takeChallenge());
  }

  @Test
  void aMalformedProofLeavesTheChallengeForAnotherTry() {
    connection.challenge(new Challenge("n-4", System.currentTimeMillis() + 60_000));
    Auth garbled = new Auth(null, "Ada", null, null, wallet.accountId(), "abcd");
    assertEquals(ErrorCode.INVALID_PAYLOAD,
        assertThrows(ProtocolException.class, () -> Authentication.provenWallet(connection, garbled)).code());
    assertEquals(wallet.accountId(), Authentication.provenWallet(connection, signed("n-4")));
  }

  @Test
  void aReplacedChallengeNoLongerCounts() {
    connection.challenge(new Challenge("old", System.currentTimeMillis() + 60_000));
    connection.challenge(new Challenge("new", System.currentTimeMillis() + 60_000));
    assertEquals(ErrorCode.WALLET_PROOF_FAILED,
        assertThrows(ProtocolException.class, () -> Authentication.provenWallet(connection, signed("old"))).code());
  }
}
