package com.web3crm.webhook.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHashTest {
  @Test
  void of_isLowerHexSha256OfUtf8() {
    // echo -n 's_demo_456' | sha256sum
    assertThat(SecretHash.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void matches_onlyTheRightSecret_andNeverAMissingOrMalformedHash() {
    String stored = SecretHash.of("s_demo_456");
    assertThat(SecretHash.matches("s_demo_456", stored)).isTrue();
    assertThat(SecretHash.matches("s_demo_457", stored)).isFalse();
    assertThat(SecretHash.matches("s_demo_456", null)).isFalse();
    assertThat(SecretHash.matches("s_demo_456", "zz")).isFalse();
    assertThat(SecretHash.matches("s_demo_456", "g".repeat(64))).isFalse();
    assertThat(SecretHash.matches("s_demo_456", stored.toUpperCase())).isTrue();
  }
}
