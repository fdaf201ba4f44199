package org.anonchat.realtime.identity;

import static org.anonchat.realtime.support.Frames.code;
import static org.anonchat.realtime.support.Frames.field;
import static org.anonchat.realtime.support.Frames.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.UUID;
import org.anonchat.realtime.identity.control.StellarKeys;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wallet proof with real Ed25519 key pairs from the JDK, encoded as real Stellar account ids, and the
 * handshake's Origin check. Each test makes its own wallets and rooms.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WalletIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  /** Connects and proves the wallet with a SEP-53 signature; returns the client after auth_ok and snapshot. */
  static ChatClient provenWallet(URL base, StellarKeys keys, String name) throws Exception {
    ChatClient c = ChatClient.connect(base);
    c.send("auth", payload().add("displayName", name).add("walletAddress", keys.accountId())
        .add("signature", keys.signSep53Base64(c.challenge())));
    JsonObject ok = c.await("auth_ok").getJsonObject("payload");
    assertTrue(ok.getBoolean("walletVerified"), ok.toString());
    c.await("presence_snapshot");
    return c;
  }

  @Test
  void aProvenWalletIsTheSameUserOnEveryConnectionInBothSignatureForms() throws Exception {
    StellarKeys wallet = StellarKeys.generate();
    try (ChatClient raw = ChatClient.connect(base); ChatClient sep53 = ChatClient.connect(base)) {
      raw.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId())
          .add("signature", wallet.signRawHex(raw.challenge())), "a1");
      JsonObject first = raw.await("auth_ok").getJsonObject("payload");
      assertTrue(first.getBoolean("walletVerified"));
      assertEquals(wallet.accountId(), first.getString("walletAddress"));

      sep53.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId())
          .add("signature", wallet.signSep53Base64(sep53.challenge())));
      JsonObject second = sep53.await("auth_ok").getJsonObject("payload");
      assertTrue(second.getBoolean("walletVerified"));
      assertEquals(first.getString("userId"), second.getString("userId"), "same wallet, same user");
    }
  }

  @Test
  void aSignatureOverAnotherConnectionsChallengeIsRefused() throws Exception {
    StellarKeys wallet = StellarKeys.generate();
    try (ChatClient victim = ChatClient.connect(base); ChatClient attacker = ChatClient.connect(base)) {
      // A signature the attacker obtained for someone else's connection, replayed on its own.
      String stolen = wallet.signSep53Base64(victim.challenge());
      attacker.send("auth", payload().add("displayName", "Mallory").add("walletAddress", wallet.accountId())
          .add("signature", stolen), "steal");
      JsonObject error = attacker.await("error", code("WALLET_PROOF_FAILED"));
      assertEquals("steal", error.getString("ref"));
      attacker.send("wallet_event", payload().add("action", "connect").add("walletAddress", wallet.accountId()));
      attacker.await("error", code("NOT_AUTHENTICATED"));
    }
  }

  @Test
  void aChallengeServesOneProofAndRequestChallengeIssuesANewOne() throws Exception {
    StellarKeys wallet = StellarKeys.generate();
    try (ChatClient c = ChatClient.connect(base)) {
      String signature = wallet.signSep53Base64(c.challenge());
      c.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId()).add("signature", signature));
      String userId = c.await("auth_ok").getJsonObject("payload").getString("userId");
      c.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId()).add("signature", signature));
      c.await("error", code("CHALLENGE_EXPIRED"));

      c.send("request_challenge", payload(), "c1");
      JsonObject fresh = c.await("challenge");
      assertEquals("c1", fresh.getString("ref"));
      String nonce = fresh.getJsonObject("payload").getString("challenge");
      assertNotEquals(c.challenge(), nonce);
      assertTrue(fresh.getJsonObject("payload").getJsonNumber("expiresAt").longValue() > System.currentTimeMillis());
      c.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId())
          .add("signature", wallet.signRawHex(nonce)));
      assertEquals(userId, c.await("auth_ok").getJsonObject("payload").getString("userId"));
    }
  }

  @Test
  void aClaimedWalletWithoutASignatureProvesNothing() throws Exception {
    StellarKeys wallet = StellarKeys.generate();
    try (ChatClient owner = provenWallet(base, wallet, "Ada"); ChatClient claimer = ChatClient.connect(base)) {
      claimer.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId()));
      JsonObject ok = claimer.await("auth_ok").getJsonObject("payload");
      assertFalse(ok.getBoolean("walletVerified"));
      assertTrue(ok.isNull("walletAddress"));
      owner.send("request_presence_snapshot", payload());
      String ownerId = owner.await("presence_snapshot").getJsonObject("payload").getJsonArray("users").getJsonObject(0).getString("userId");
      assertNotEquals(ownerId, ok.getString("userId"));
    }
  }

  @Test
  void malformedWalletAddressesAndSignaturesGetInvalidPayload() throws Exception {
    StellarKeys wallet = StellarKeys.generate();
    String badChecksum = wallet.accountId().substring(0, 55) + (wallet.accountId().endsWith("A") ? "B" : "A");
    try (ChatClient c = ChatClient.connect(base)) {
      c.send("auth", payload().add("displayName", "Ada").add("walletAddress", badChecksum).add("signature", wallet.signRawHex(c.challenge())));
      assertTrue(c.await("error", code("INVALID_PAYLOAD")).getJsonObject("payload").getString("message").contains("walletAddress"));
      c.send("auth", payload().add("displayName", "Ada").add("walletAddress", wallet.accountId()).add("signature", "abcd"));
      assertTrue(c.await("error", code("INVALID_PAYLOAD")).getJsonObject("payload").getString("message").contains("signature"));
    }
  }

  @Test
  void anAnonymousUserWhoProvesANewWalletKeepsTheirUserId() throws Exception {
    StellarKeys wallet = StellarKeys.generate();
    try (ChatClient c = ChatClient.connect(base)) {
      c.send("auth", payload().add("displayName", "Ada"));
      JsonObject anonymous = c.await("auth_ok").getJsonObject("payload");
      c.send("auth", payload().add("displayName", "Ada").add("token", anonymous.getString("token"))
          .add("walletAddress", wallet.accountId()).add("signature", wallet.signSep53Base64(c.challenge())));
      JsonObject proven = c.await("auth_ok").getJsonObject("payload");
      assertTrue(proven.getBoolean("walletVerified"));
      assertEquals(anonymous.getString("userId"), proven.getString("userId"));
    }
  }

  @Test
  void walletEventsAnnounceOnlyTheProvenWalletAndOnlyToRoomMates() throws Exception {
    String roomId = "it-" + UUID.randomUUID();
    StellarKeys adaWallet = StellarKeys.generate();
    StellarKeys otherWallet = StellarKeys.generate();
    try (ChatClient ada = provenWallet(base, adaWallet, "Ada");
        ChatClient bob = ChatClient.authenticated(base, "Bob");
        ChatClient stranger = ChatClient.authenticated(base, "Stranger")) {
      String adaId = ada.join(roomId);
      bob.join(roomId);
      ada.send("wallet_event", payload().add("action", "connect").add("walletAddress", otherWallet.accountId()));
      ada.await("error", code("FORBIDDEN"));
      bob.send("wallet_event", payload().add("action", "connect").add("walletAddress", adaWallet.accountId()));
      bob.await("error", code("FORBIDDEN"));

      ada.send("wallet_event", payload().add("action", "connect").add("walletAddress", adaWallet.accountId()));
      JsonObject connect = bob.await("wallet_connect").getJsonObject("payload");
      assertEquals(adaId, connect.getString("userId"));
      assertEquals(adaWallet.accountId(), connect.getString("walletAddress"));
      ada.send("wallet_event", payload().add("action", "disconnect").add("walletAddress", adaWallet.accountId()));
      bob.await("wallet_disconnect", field("walletAddress", adaWallet.accountId()));
      stranger.assertNone("wallet_connect", p -> true, Duration.ofMillis(500));
      stranger.assertNone("wallet_disconnect", p -> true, Duration.ZERO);

      bob.send("request_presence_snapshot", payload().add("roomId", roomId));
      JsonObject snapshot = bob.await("presence_snapshot").getJsonObject("payload");
      assertTrue(snapshot.getJsonArray("users").stream().map(JsonObject.class::cast)
          .anyMatch(u -> adaId.equals(u.getString("userId")) && adaWallet.accountId().equals(u.getString("walletAddress"))),
          "room mates see the proven wallet: " + snapshot);
    }
  }

  @Test
  void aForeignOriginIsRefusedBeforeTheUpgradeAndLocalOnesAreAccepted() throws Exception {
    WebSocketHandshakeException refused = assertThrows(WebSocketHandshakeException.class,
        () -> ChatClient.connect(base, "https://evil.example"));
    assertEquals(403, refused.getResponse().statusCode());
    assertThrows(WebSocketHandshakeException.class, () -> ChatClient.connect(base, "null"));
    try (ChatClient own = ChatClient.connect(base, "http://127.0.0.1:" + base.getPort());
        ChatClient dev = ChatClient.connect(base, "http://localhost:3000")) {
      own.send("auth", payload().add("displayName", "Own"));
      own.await("auth_ok");
      dev.send("auth", payload().add("displayName", "Dev"));
      dev.await("auth_ok");
    }
  }
}
