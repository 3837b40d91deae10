package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CollectionIdsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "Z",
        "0",
        "collection-1",
        "my.collection_2:prod",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-",
        "-",
        "...",
      })
  void acceptsIdsMadeOfTheAllowedCharacters(String id) {
    assertThat(CollectionIds.problem(id)).isNull();
    assertThat(CollectionIds.isValid(id)).isTrue();
  }

  @Test
  void acceptsExactly128Characters() {
    assertThat(CollectionIds.isValid("x".repeat(128))).isTrue();
  }

  @Test
  void refuses129Characters() {
    assertThat(CollectionIds.problem("x".repeat(129))).contains("129 characters", "1-128");
  }

  @Test
  void refusesEmptyAndNull() {
    assertThat(CollectionIds.problem("")).contains("empty");
    assertThat(CollectionIds.problem(null)).contains("empty");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"with space", "slash/x", "a+b", "a@b", "tab\tx", "new\nline", "ümlaut", "a,b", "\"q\"", "a*"})
  void refusesOtherCharacters(String id) {
    assertThat(CollectionIds.problem(id)).contains("not allowed", "A-Z a-z 0-9 . _ : -");
  }

  @Test
  void namesTheOffendingCharacterAndPositionWithoutEchoingControlCharacters() {
    assertThat(CollectionIds.problem("ab/c")).contains("'/'", "position 3");
    assertThat(CollectionIds.problem("a\u0007b")).contains("U+0007", "position 2").doesNotContain("\u0007");
    assertThat(CollectionIds.problem("a b")).contains("U+0020", "position 2");
  }
}
