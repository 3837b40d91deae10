package com.web3crm.webhook.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The only form in which an {@code api_secret} is ever stored: lower-case hex SHA-256 of its UTF-8 bytes.
 *
 * <p>A fast hash is right here because secrets are random tokens of at least 128 bits made by the admin tool
 * ({@code bin/collections}); there is nothing to brute-force. Comparisons go through {@link #matches}, which is
 * constant-time.
 */
public final class SecretHash {
  private SecretHash() {}

  /** Lower-case hex SHA-256 of {@code secret}. */
  public static String of(String secret) {
    return HexFormat.of().formatHex(digest(secret));
  }

  /**
   * Constant-time check that {@code secret} hashes to {@code storedHexHash}. Always hashes and always compares
   * 32 bytes, whether or not a stored hash exists, so timing says nothing about which part was wrong.
   */
  public static boolean matches(String secret, String storedHexHash) {
    byte[] expected = decodeOrZeros(storedHexHash);
    boolean equal = MessageDigest.isEqual(digest(secret), expected);
    return equal && storedHexHash != null;
  }

  private static byte[] digest(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static byte[] decodeOrZeros(String hex) {
    if (hex != null && hex.length() == 64) {
      try {
        return HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException e) {
        // fall through: a malformed stored hash matches nothing
      }
    }
    return new byte[32];
  }
}
