package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialGeneratorTest {
  private static final String BASE64URL = "[A-Za-z0-9_-]";

  private final CredentialGenerator generator = new CredentialGenerator(new SecureRandom());

  @Test
  void apiKeyIsCkPlus22Base64urlCharactersOf16RandomBytes() {
    String key = generator.newApiKey();

    assertThat(key).matches("ck_" + BASE64URL + "{22}");
    byte[] random = Base64.getUrlDecoder().decode(key.substring(3));
    assertThat(random.length * 8).isEqualTo(128);
  }

  @Test
  void apiSecretIsCsPlus43Base64urlCharactersOf32RandomBytes() {
    String secret = generator.newApiSecret();

    assertThat(secret).matches("cs_" + BASE64URL + "{43}");
    byte[] random = Base64.getUrlDecoder().decode(secret.substring(3));
    assertThat(random.length * 8).isEqualTo(256).isGreaterThanOrEqualTo(128);
  }

  @Test
  void noPaddingAndNoStandardBase64Characters() {
    for (int i = 0; i < 200; i++) {
      assertThat(generator.newApiKey()).doesNotContain("=", "+", "/");
      assertThat(generator.newApiSecret()).doesNotContain("=", "+", "/");
    }
  }

  @Test
  void valuesAreDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      assertThat(seen.add(generator.newApiKey())).isTrue();
      assertThat(seen.add(generator.newApiSecret())).isTrue();
    }
  }

  @Test
  void everyCharacterPositionVaries() {
    // a constant or short-cycled part would show up as a position holding one character throughout
    int samples = 400;
    for (int position = 3; position < 25; position++) {
      Set<Character> seen = new HashSet<>();
      CredentialGenerator fresh = new CredentialGenerator(new SecureRandom());
      for (int i = 0; i < samples; i++) {
        seen.add(fresh.newApiKey().charAt(position));
      }
      assertThat(seen).as("characters seen at position %d", position).hasSizeGreaterThan(1);
    }
  }

  @Test
  void bytesComeFromTheGivenRandomSource() {
    CredentialGenerator fixed = new CredentialGenerator(new CountingRandom());

    // 16 bytes 0..15, then 32 bytes 16..47
    assertThat(fixed.newApiKey()).isEqualTo("ck_AAECAwQFBgcICQoLDA0ODw");
    assertThat(fixed.newApiSecret()).isEqualTo("cs_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8");
  }

  @Test
  void toStringOfSecretHoldersHidesTheSecret() {
    String secret = generator.newApiSecret();
    NewCredential created = new NewCredential("col-1", "ck_x", secret);
    RotatedSecret rotated = new RotatedSecret("ck_x", secret);

    assertThat(created.toString()).contains("col-1", "ck_x").doesNotContain(secret);
    assertThat(rotated.toString()).contains("ck_x").doesNotContain(secret);
    assertThat(generator.toString()).doesNotContain(secret);
  }

  /** Returns 0, 1, 2, ... so the encoding can be checked exactly. */
  private static final class CountingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private int next;

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) next++;
      }
    }
  }
}
