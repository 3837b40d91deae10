package com.web3crm.webhook.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectReaderTest {

  @Test
  void json_emptyObject_hasNoFields() {
    assertThat(JsonObjectReader.read("{}")).isEmpty();
    assertThat(JsonObjectReader.read(" \t\r\n{ \t\r\n} \t\r\n")).isEmpty();
  }

  @Test
  void json_stringAndNullValues_inOrder() {
    Map<String, String> fields =
        JsonObjectReader.read(
            "{\"webhook\":\"https://hooks.example.com/in\",\"webhook_login\":\"\",\"webhook_pass\":null}");
    assertThat(fields)
        .containsExactly(
            entry("webhook", "https://hooks.example.com/in"), entry("webhook_login", ""), entry("webhook_pass", null));
  }

  @Test
  void json_nullValue_isANullMapValue() {
    Map<String, String> fields = JsonObjectReader.read("{\"webhook_pass\":null}");
    assertThat(fields).containsKey("webhook_pass");
    assertThat(fields.get("webhook_pass")).isNull();
  }

  @Test
  void json_whitespaceEverywhereJsonAllowsIt() {
    assertThat(JsonObjectReader.read("\r\n {\n\t\"a\"\r\n :\t\"b\" ,\n \"c\" : null \n}\n "))
        .containsExactly(entry("a", "b"), entry("c", null));
  }

  static Stream<Arguments> escapes() {
    return Stream.of(
        Arguments.of("\\\"", "\""),
        Arguments.of("\\\\", "\\"),
        Arguments.of("\\/", "/"),
        Arguments.of("\\b", "\b"),
        Arguments.of("\\f", "\f"),
        Arguments.of("\\n", "\n"),
        Arguments.of("\\r", "\r"),
        Arguments.of("\\t", "\t"),
        Arguments.of("\\u0041", "A"),
        Arguments.of("\\u00e4\\u00E4", "ää"),
        Arguments.of("\\u0000", "\0"),
        Arguments.of("\\u20AC", "€"),
        Arguments.of("\\uD83D\\uDE00", "😀"),
        Arguments.of("\\ud83d\\ude00", "😀"),
        Arguments.of("p\\u00e4ssw\\u00f6rd", "pässwörd"),
        Arguments.of("pässwörd 😀", "pässwörd 😀"),
        Arguments.of("https:\\/\\/hooks.example.com\\/in?a=1&b=2", "https://hooks.example.com/in?a=1&b=2"),
        Arguments.of("\\u2028\\u2029\\uFFFF", "\u2028\u2029\uFFFF"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("escapes")
  void json_stringEscapes_areDecoded(String literal, String expected) {
    assertThat(JsonObjectReader.read("{\"k\":\"" + literal + "\"}")).containsExactly(entry("k", expected));
    assertThat(JsonObjectReader.read("{\"" + literal + "\":null}")).containsExactly(entry(expected, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"[]", "[{\"a\":\"b\"}]", "\"a\"", "1", "-1", "null", "true", "false", "x", "  ", "\n", "}"})
  void json_topLevelNotAnObject_isBodyInvalid(String body) {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read(body));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("body must be a JSON object");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "1", "0", "-1", "1.5", "1e3", "true", "false", "{}", "{\"x\":\"y\"}", "[]", "[\"a\"]", "tru", "-", "[", "{",
      })
  void json_nonStringValue_isRejectedNamingTheField(String value) {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read("{\"webhook\":" + value + "}"));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("field webhook must be a string or null");
  }

  @Test
  void json_deeplyNestedValue_isRejectedAtItsFirstCharacter() {
    String body = "{\"webhook\":" + "[".repeat(1_000_000);
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read(body));
    assertThat(error.detail()).isEqualTo("field webhook must be a string or null");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"1", "true", "{\"webhook\":\"https://a.example\"}", "[\"a\"]", "-", "[[[[[[[[[["})
  void json_nonStringValue_underAnUnknownName_isThatUnknownField(String value) {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read("{\"extra\":" + value + "}"));
    assertThat(error.message())
        .isEqualTo("unknown field: extra; allowed: webhook, webhook_login, webhook_pass");
    assertThat(error.detail()).isEqualTo("field names are case-sensitive");
  }

  @Test
  void json_nonStringValue_underAnUnknownNameThatIsNotPlain_doesNotRepeatTheName() {
    for (String name : new String[] {"n".repeat(64) + "SECRET-TAIL", "pass word SECRET", "SECRET:x"}) {
      ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read("{\"" + name + "\":1}"));
      assertThat(error.message()).isEqualTo(ErrorMessages.unknownField(name)).doesNotContain("SECRET");
      assertThat(error.detail()).doesNotContain("SECRET");
    }
  }

  /** Broken JSON: {body, a fragment the detail must contain}. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("{", "ends before the JSON object does"),
        Arguments.of("{ ", "ends before the JSON object does"),
        Arguments.of("{\"a", "ends before the JSON object does"),
        Arguments.of("{\"a\"", "ends before the JSON object does"),
        Arguments.of("{\"a\":", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"b", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"b\"", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"b\",", "ends before the JSON object does"),
        Arguments.of("{\"a\":nul", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"\\", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"\\u00", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"\\uD83D", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"\\uD83D\\", "ends before the JSON object does"),
        Arguments.of("{\"a\":\"b\",}", "trailing comma before '}' at offset 9"),
        Arguments.of("{,}", "expected a string field name at offset 1"),
        Arguments.of("{a:\"b\"}", "expected a string field name at offset 1"),
        Arguments.of("{'a':\"b\"}", "expected a string field name at offset 1"),
        Arguments.of("{\"a\" \"b\"}", "expected ':' after a field name at offset 5"),
        Arguments.of("{\"a\"=\"b\"}", "expected ':' after a field name at offset 4"),
        Arguments.of("{\"a\":\"b\" \"c\":\"d\"}", "expected ',' or '}' at offset 9"),
        Arguments.of("{\"a\":\"b\";\"c\":\"d\"}", "expected ',' or '}' at offset 8"),
        Arguments.of("{\"a\":\"b\"]", "expected ',' or '}' at offset 8"),
        Arguments.of("{\"a\":\"b\"}x", "unexpected text after the JSON object at offset 9"),
        Arguments.of("{\"a\":\"b\"} {}", "unexpected text after the JSON object at offset 10"),
        Arguments.of("{\"a\":\"b\"}\u0000", "unexpected text after the JSON object at offset 9"),
        Arguments.of("{\"a\":'b'}", "invalid value at offset 5"),
        Arguments.of("{\"a\":nope}", "invalid value at offset 5"),
        Arguments.of("{\"a\":NULL}", "invalid value at offset 5"),
        Arguments.of("{\"a\":undefined}", "invalid value at offset 5"),
        Arguments.of("{\"a\":}", "invalid value at offset 5"),
        Arguments.of("{\"a\":\"\\x\"}", "invalid escape sequence at offset 6"),
        Arguments.of("{\"a\":\"\\U0041\"}", "invalid escape sequence at offset 6"),
        Arguments.of("{\"a\":\"\\'\"}", "invalid escape sequence at offset 6"),
        Arguments.of("{\"a\":\"\\u12G4\"}", "invalid \\u escape at offset 6"),
        Arguments.of("{\"a\":\"\\u12\"}", "invalid \\u escape at offset 6"),
        Arguments.of("{\"a\":\"\\u\uff11\uff11\uff11\uff11\"}", "invalid \\u escape at offset 6"),
        Arguments.of("{\"a\":\"line\nbreak\"}", "control character in a string at offset 10"),
        Arguments.of("{\"a\":\"tab\there\"}", "control character in a string at offset 9"),
        Arguments.of("{\"a\":\"\u0000\"}", "control character in a string at offset 6"),
        Arguments.of("{\"a\u001f\":\"b\"}", "control character in a string at offset 3"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformed")
  void json_malformed_isBodyInvalidWithAShortDetail(String body, String detailFragment) {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read(body));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).startsWith("invalid JSON: ").contains(detailFragment);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "{\"a\":\"\\uD800\"}",
        "{\"a\":\"\\uDBFF x\"}",
        "{\"a\":\"\\uDC00\"}",
        "{\"a\":\"x\\uDFFF\"}",
        "{\"a\":\"\\uD800\\u0041\"}",
        "{\"a\":\"\\uD800\\uD800\"}",
        "{\"a\":\"\\uDE00\\uD83D\"}",
        "{\"a\":\"\\uD800\\n\"}",
        "{\"\\uD800\":\"x\"}",
        "{\"a\":\"\\uD83D😀\"}",
      })
  void json_unpairedSurrogateEscape_isBodyInvalid(String body) {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read(body));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).contains("unpaired surrogate");
  }

  @Test
  void json_errorDetails_neverQuoteValues() {
    String body = "{\"webhook_pass\":\"s3cr3t-value\" \"webhook\":\"s3cr3t-value\"";
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read(body));
    assertThat(error.detail()).doesNotContain("s3cr3t");
  }

  @Test
  void json_duplicateKeyWithDifferentValues_isAmbiguous() {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read("{\"webhook\":\"a\",\"webhook\":\"b\"}"));
    assertThat(error.message()).isEqualTo(ErrorMessages.ambiguous("webhook"));
    assertThat(error.detail()).isEqualTo("each field may be given once");
  }

  @Test
  void json_duplicateKeyNullVersusEmptyString_isAmbiguous() {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read("{\"webhook\":null,\"webhook\":\"\"}"));
    assertThat(error.message()).isEqualTo(ErrorMessages.ambiguous("webhook"));
  }

  @Test
  void json_duplicateKeyWithSameValue_isAcceptedOnce() {
    assertThat(JsonObjectReader.read("{\"a\":\"x\",\"b\":null,\"a\":\"\\u0078\",\"b\":null}"))
        .containsExactly(entry("a", "x"), entry("b", null));
  }

  @Test
  void json_syntaxErrorAfterADuplicate_isReportedAsTheSyntaxError() {
    ClientError error = ClientErrors.thrownBy(() -> JsonObjectReader.read("{\"a\":\"1\",\"a\":\"2\",}"));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
  }
}
