package com.web3crm.webhook.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormUrlEncodedTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}={2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          webhook_pass=a+b                                                    | webhook_pass  | a b
          webhook_pass=a%2Bb                                                  | webhook_pass  | a+b
          webhook=https%3A%2F%2Fhooks.example.com%2Fin%3Fa%3D1%26b%3D2        | webhook       | https://hooks.example.com/in?a=1&b=2
          webhook=https://hooks.example.com/in?a=1                            | webhook       | https://hooks.example.com/in?a=1
          webhook_login                                                       | webhook_login | ''
          webhook_login=                                                      | webhook_login | ''
          &&webhook_login=ops&&                                               | webhook_login | ops
          webhook_pass=a=b=c                                                  | webhook_pass  | a=b=c
          webhook%5Fpass=x                                                    | webhook_pass  | x
          webhook+pass=x                                                      | webhook pass  | x
          webhook_pass=p%C3%A4ssw%C3%B6rd                                     | webhook_pass  | pässwörd
          webhook_pass=p%c3%a4ssw%c3%b6rd                                     | webhook_pass  | pässwörd
          webhook_pass=pässwörd                                               | webhook_pass  | pässwörd
          webhook_pass=%F0%9F%98%80                                           | webhook_pass  | 😀
          webhook_pass=😀                                                     | webhook_pass  | 😀
          webhook_pass=%E2%82%AC                                              | webhook_pass  | €
          webhook_pass=%25                                                    | webhook_pass  | %
          webhook_pass=%2b%2B+                                                | webhook_pass  | '++ '
          =x                                                                  | ''            | x
          """)
  void form_decodesOneField(String body, String name, String value) {
    assertThat(FormUrlEncoded.decode(body)).containsExactly(entry(name, value));
  }

  @Test
  void form_plusIsSpace() {
    assertThat(FormUrlEncoded.decode("webhook_pass=a+b")).containsEntry("webhook_pass", "a b");
  }

  @Test
  void form_percentEncodedPlusIsPlus() {
    assertThat(FormUrlEncoded.decode("webhook_pass=a%2Bb")).containsEntry("webhook_pass", "a+b");
  }

  @Test
  void form_keepsFieldsInOrderOfFirstAppearance() {
    assertThat(FormUrlEncoded.decode("webhook_pass=p&webhook=w&webhook_login=l"))
        .containsExactly(entry("webhook_pass", "p"), entry("webhook", "w"), entry("webhook_login", "l"));
  }

  @Test
  void form_percentEncodedNul_isKeptAsIs() {
    assertThat(FormUrlEncoded.decode("a=%00")).containsExactly(entry("a", "\0"));
  }

  @Test
  void form_semicolonIsNotASeparator() {
    assertThat(FormUrlEncoded.decode("a=1;b=2")).containsExactly(entry("a", "1;b=2"));
  }

  @Test
  void form_valuesAreNotTrimmedOrValidated() {
    assertThat(FormUrlEncoded.decode("webhook= not a url \n&x=y"))
        .containsExactly(entry("webhook", " not a url \n"), entry("x", "y"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "webhook_login=100%",
        "webhook_login=%",
        "webhook_login=%4",
        "webhook_login=%4&x=1",
        "webhook_login=%G1",
        "webhook_login=%1G",
        "webhook_login=%%41",
        "webhook_login=% 41",
        "web%hook=x",
        "webhook_login=%+1",
        "webhook_login=%-1",
        "webhook_login=%\uff11\uff11",
      })
  void form_badPercentEscape_isBodyInvalid(String body) {
    ClientError error = ClientErrors.thrownBy(() -> FormUrlEncoded.decode(body));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("invalid percent-escape in form body");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "webhook_pass=%E0%A4", // truncated 3-byte sequence
        "webhook_pass=%FF",
        "webhook_pass=%C3", // truncated 2-byte sequence
        "webhook_pass=%80", // lone continuation byte
        "webhook_pass=%C0%AF", // overlong '/'
        "webhook_pass=%ED%A0%80", // an encoded surrogate (CESU-8)
        "webhook_pass=%F4%90%80%80", // beyond U+10FFFF
        "%E0%A4=x", // the name too
        "webhook_pass=%C3+%A4", // split by a space
      })
  void form_percentDecodedBytesNotUtf8_isBodyInvalid(String body) {
    ClientError error = ClientErrors.thrownBy(() -> FormUrlEncoded.decode(body));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("form field is not valid UTF-8 after percent-decoding");
  }

  @Test
  void form_rawLoneSurrogate_isBodyInvalid() {
    ClientError error = ClientErrors.thrownBy(() -> FormUrlEncoded.decode("a=x\uD800y"));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
  }

  @Test
  void form_duplicateNameWithDifferentValues_isAmbiguous() {
    ClientError error = ClientErrors.thrownBy(() -> FormUrlEncoded.decode("webhook=a&webhook=b"));
    assertThat(error.message()).isEqualTo(ErrorMessages.ambiguous("webhook"));
    assertThat(error.detail()).isEqualTo("each field may be given once");
  }

  @Test
  void form_duplicateNameWithSameDecodedValue_isAcceptedOnce() {
    assertThat(FormUrlEncoded.decode("webhook_pass=a+b&webhook_login=l&webhook_pass=a%20b"))
        .containsExactly(entry("webhook_pass", "a b"), entry("webhook_login", "l"));
  }

  @Test
  void form_duplicateEmptyAndMissingValue_areTheSameValue() {
    assertThat(FormUrlEncoded.decode("a&a=")).containsExactly(entry("a", ""));
  }

  @Test
  void form_longRunsOfSeparators_areSkippedOrSplitLiterally() {
    String name = "a".repeat(5_000);
    String body = name + "&".repeat(5_000) + "=" + "&b".repeat(3_000);
    assertThat(FormUrlEncoded.decode(body))
        .containsExactly(entry(name, ""), entry("", ""), entry("b", ""));
  }
}
