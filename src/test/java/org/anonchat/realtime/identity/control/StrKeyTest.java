package org.anonchat.realtime.identity.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrKeyTest {

  /** An account id as printed in Stellar's documentation. */
  private static final String DOCS_ACCOUNT = "GBZXN7PIRZGNMHGA7MUUUF4GWPY5AYPV6LY4UV2GL6VJGIQRXFDNMADI";

  @Test
  void crc16XModemMatchesTheStandardCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x31C3, StrKey.crc16XModem(check, 0, check.length));
  }

  @Test
  void aPublishedAccountIdDecodesAndEncodesBackUnchanged() {
    byte[] key = StrKey.decodeAccountId(DOCS_ACCOUNT);
    assertEquals(32, key.length);
    assertEquals(DOCS_ACCOUNT, StrKey.encodeAccountId(key));
  }

  @Test
  void aGeneratedKeyRoundTripsAndStartsWithG() {
    for (int i = 0; i < 20; i++) {
      String account = StellarKeys.generate().accountId();
      assertTrue(account.startsWith("G"), account);
      assertEquals(56, account.length());
      assertEquals(account, StrKey.encodeAccountId(StrKey.decodeAccountId(account)));
    }
  }

  @Test
  void everySingleCharacterChangeIsCaught() {
    String account = StellarKeys.generate().accountId();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for (int i = 1; i < account.length(); i++) {
      char other = alphabet.charAt((alphabet.indexOf(account.charAt(i)) + 1) % 32);
      String changed = account.substring(0, i) + other + account.substring(i + 1);
      assertFalse(StrKey.isAccountId(changed), "position " + i + ": " + changed);
    }
  }

  @Test
  void aSecretSeedIsNotAnAccountId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StrKey.decodeAccountId("SCZANGBA5YHTNYVVV4C3U252E2B6P6F5T3U6MM63WBSBZATAQI3EBTQ4"));
    assertTrue(e.getMessage().contains("start with G"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "G", "GBZXN7PIRZGNMHGA7MUUUF4GWPY5AYPV6LY4UV2GL6VJGIQRXFDNMAD",
      "gbzxn7pirzgnmhga7muuuf4gwpy5aypv6ly4uv2gl6vjgiqrxfdnmadi", "GBZXN7PIRZGNMHGA7MUUUF4GWPY5AYPV6LY4UV2GL6VJGIQRXFDNMAD1",
      "GBZXN7PIRZGNMHGA7MUUUF4GWPY5AYPV6LY4UV2GL6VJGIQRXFDNMAD=", "u-5b1f0c52-3d4e-4f6a-8b9c-0d1e2f3a4b5c"})
  void refusesWhatIsNotACanonicalAccountId(String text) {
    assertFalse(StrKey.isAccountId(text), text);
  }

  @Test
  void refusesNull() {
    assertFalse(StrKey.isAccountId(null));
  }

  @Test
  void encodesTheKeyBytesItDecoded() {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) key[i] = (byte) (i * 7);
    assertArrayEquals(key, StrKey.decodeAccountId(StrKey.encodeAccountId(key)));
  }
}
