package org.anonchat.realtime.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WalletProofTest {

  private static final String CHALLENGE = "0_JS_kESWd8ykztZImAAHeMSx_9jY73w";

  private final StellarKeys wallet = StellarKeys.generate();

  @Test
  void acceptsASignatureOverTheRawChallenge() {
    assertTrue(WalletProof.verify(wallet.accountId(), CHALLENGE, wallet.signRaw(CHALLENGE)));
  }

  @Test
  void acceptsTheSep53SignedMessageForm() {
    assertTrue(WalletProof.verify(wallet.accountId(), CHALLENGE, wallet.signSep53(CHALLENGE)));
  }

  /** docs/protocol.md's auth example signs its connection_established example's challenge, really. */
  @Test
  void theDocumentedAuthExampleVerifies() throws IOException {
    String doc = Files.readString(Path.of("docs/protocol.md"));
    Matcher challenge = Pattern.compile("\\{\"type\":\"connection_established\".*?\"challenge\":\"([^\"]+)\"").matcher(doc);
    Matcher auth = Pattern.compile("\\{\"type\":\"auth\".*?\"walletAddress\":\"([^\"]+)\",\"signature\":\"([^\"]+)\"").matcher(doc);
    assertTrue(challenge.find() && auth.find(), "examples not found");
    assertTrue(WalletProof.verify(auth.group(1), challenge.group(1), WalletProof.decodeSignature(auth.group(2))));
  }

  @Test
  void refusesAnotherWalletsSignature() {
    StellarKeys other = StellarKeys.generate();
    assertFalse(WalletProof.verify(wallet.accountId(), CHALLENGE, other.signRaw(CHALLENGE)));
    assertFalse(WalletProof.verify(wallet.accountId(), CHALLENGE, other.signSep53(CHALLENGE)));
  }

  @Test
  void refusesASignatureOverAnotherChallenge() {
    assertFalse(WalletProof.verify(wallet.accountId(), CHALLENGE, wallet.signRaw(CHALLENGE + "x")));
    assertFalse(WalletProof.verify(wallet.accountId(), CHALLENGE, wallet.signSep53("anonchat:" + CHALLENGE)));
  }

  @Test
  void refusesAFlippedBit() {
    byte[] signature = wallet.signSep53(CHALLENGE);
    signature[10] ^= 1;
    assertFalse(WalletProof.verify(wallet.accountId(), CHALLENGE, signature));
  }

  @Test
  void decodesHexAndEveryBase64Spelling() {
    byte[] signature = wallet.signRaw(CHALLENGE);
    String hex = HexFormat.of().formatHex(signature);
    assertEquals(HexFormat.of().formatHex(signature), HexFormat.of().formatHex(WalletProof.decodeSignature(hex)));
    assertEquals(hex, HexFormat.of().formatHex(WalletProof.decodeSignature(hex.toUpperCase())));
    assertEquals(hex, HexFormat.of().formatHex(WalletProof.decodeSignature(Base64.getEncoder().encodeToString(signature))));
    assertEquals(hex, HexFormat.of().formatHex(WalletProof.decodeSignature(Base64.getUrlEncoder().withoutPadding().encodeToString(signature))));
  }

  @Test
  void refusesSignaturesOfTheWrongSizeOrAlphabet() {
    assertThrows(IllegalArgumentException.class, () -> WalletProof.decodeSignature("abcd"));
    assertThrows(IllegalArgumentException.class, () -> WalletProof.decodeSignature("not base64 at all!"));
    assertThrows(IllegalArgumentException.class, () -> WalletProof.decodeSignature(Base64.getEncoder().encodeToString(new byte[63])));
  }
}
