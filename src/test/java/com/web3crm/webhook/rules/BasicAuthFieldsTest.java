package com.web3crm.webhook.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.web3crm.webhook.api.ClientError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicAuthFieldsTest {

  @ParameterizedTest
  @ValueSource(strings = {"ops", "crm bot", "пользователь", "用户", "emoji-\uD83D\uDE00", "a", "x-249-chars"})
  void login_acceptsUnicodeTextWithoutColonOrControls(String login) {
    String value = login.equals("x-249-chars") ? "x".repeat(249) : login;
    assertThat(BasicAuthFields.login(value)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ops:team", "a:b", "a\rb", "a\nb", "a\u0000b", "a\u007fb", "a\u0085b", "a\tb", "250", "lone\uD800"})
  void login_refusesColonControlsOverlongAndLoneSurrogates(String login) {
    String value = login.equals("250") ? "x".repeat(250) : login;
    ClientError error = catchThrowableOfType(ClientError.class, () -> BasicAuthFields.login(value));

    assertThat(error.message()).isEqualTo("webhook_login invalid");
    assertThat(error.detail()).isNotBlank().doesNotContain(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3:cr:et", "pässwörd", "p+ss wörd", "249 emoji"})
  void pass_acceptsAnyTextIncludingColons_countingCodePoints(String pass) {
    String value = pass.equals("249 emoji") ? "\uD83D\uDE00".repeat(249) : pass;
    assertThat(BasicAuthFields.pass(value)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nX-Injected: 1", "a\u0000", "\u001b[31m", "lone\uDC00", "250"})
  void pass_refusesControlsOverlongAndLoneSurrogates(String pass) {
    String value = pass.equals("250") ? "\uD83D\uDE00".repeat(250) : pass;
    ClientError error = catchThrowableOfType(ClientError.class, () -> BasicAuthFields.pass(value));

    assertThat(error.message()).isEqualTo("webhook_pass invalid");
    assertThat(error.detail()).doesNotContain(value);
  }
}
