package org.anonchat.realtime.identity.control;

import java.util.Arrays;

/**
 * Stellar account ids ("G..." StrKeys): base32 (RFC 4648 alphabet, no padding) of a version byte
 * ({@code 6 << 3}, which makes the first letter G), the 32-byte Ed25519 public key and a CRC16-XModem
 * checksum of both, little-endian. Only the canonical upper-case form is accepted, as Stellar's SDKs do.
 * Pure; no crypto library needed.
 */
public final class StrKey {

  private static final int ACCOUNT_ID = 6 << 3;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  /** 1 version byte + 32 key bytes + 2 checksum bytes = 280 bits = 56 base32 characters exactly. */
  public static final int ACCOUNT_ID_LENGTH = 56;

  private StrKey() {}

  /** The Ed25519 public key of a valid account id; IllegalArgumentException saying what is wrong otherwise. */
  public static byte[] decodeAccountId(String address) {
    if (address == null || address.length() != ACCOUNT_ID_LENGTH) {
      throw new IllegalArgumentException("a Stellar account id has " + ACCOUNT_ID_LENGTH + " characters");
    }
    byte[] raw = base32Decode(address);
    if ((raw[0] & 0xff) != ACCOUNT_ID) throw new IllegalArgumentException("not an account id (must start with G)");
    int expected = crc16XModem(raw, 0, 33);
    int actual = (raw[33] & 0xff) | (raw[34] & 0xff) << 8;
    if (expected != actual) throw new IllegalArgumentException("checksum mismatch");
    return Arrays.copyOfRange(raw, 1, 33);
  }

  /** True if {@link #decodeAccountId} accepts it. */
  public static boolean isAccountId(String address) {
    try {
      decodeAccountId(address);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String encodeAccountId(byte[] publicKey) {
    if (publicKey.length != 32) throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    byte[] raw = new byte[35];
    raw[0] = (byte) ACCOUNT_ID;
    System.arraycopy(publicKey, 0, raw, 1, 32);
    int crc = crc16XModem(raw, 0, 33);
    raw[33] = (byte) crc;
    raw[34] = (byte) (crc >>> 8);
    return base32Encode(raw);
  }

  static int crc16XModem(byte[] data, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc ^= (data[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }

  private static byte[] base32Decode(String text) {
    byte[] out = new byte[text.length() * 5 / 8];
    long buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      int value = ALPHABET.indexOf(text.charAt(i));
      if (value < 0) throw new IllegalArgumentException("not base32 (A-Z, 2-7) at position " + (i + 1));
      buffer = buffer << 5 | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (buffer >>> bits);
      }
    }
    return out;
  }

  private static String base32Encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    long buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = buffer << 8 | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.append(ALPHABET.charAt((int) (buffer >>> bits) & 31));
      }
    }
    if (bits > 0) out.append(ALPHABET.charAt((int) (buffer << (5 - bits)) & 31));
    return out.toString();
  }
}
