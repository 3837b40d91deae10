package com.web3crm.webhook.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes api keys and api secrets: random tokens with recognisable prefixes, base64url without padding.
 *
 * <ul>
 *   <li>api key: {@value #API_KEY_PREFIX} + {@value #API_KEY_BYTES} random bytes (128 bits, 22 characters);
 *   <li>api secret: {@value #API_SECRET_PREFIX} + {@value #API_SECRET_BYTES} random bytes (256 bits, 43
 *       characters).
 * </ul>
 *
 * <p>The caller passes the one {@link SecureRandom} its command uses; none is created at class init (a random
 * generator seeded into a snapshot or shared static state is exactly what this tool must avoid).
 */
public final class CredentialGenerator {
  public static final String API_KEY_PREFIX = "ck_";
  public static final String API_SECRET_PREFIX = "cs_";
  static final int API_KEY_BYTES = 16;
  static final int API_SECRET_BYTES = 32;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public CredentialGenerator(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** {@code ck_} + 22 base64url characters. */
  public String newApiKey() {
    return API_KEY_PREFIX + randomToken(API_KEY_BYTES);
  }

  /** {@code cs_} + 43 base64url characters. */
  public String newApiSecret() {
    return API_SECRET_PREFIX + randomToken(API_SECRET_BYTES);
  }

  private String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return BASE64URL.encodeToString(buffer);
  }

  @Override
  public String toString() {
    return "CredentialGenerator[" + random.getAlgorithm() + "]";
  }
}
