package com.web3crm.webhook.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";
  private static final String MULTIPART = "multipart/form-data; boundary=XyZ";

  private static final String JSON_BODY = "{\"webhook\":\"https://hooks.example.com/in\",\"webhook_pass\":null}";
  private static final String FORM_BODY = "webhook=https%3A%2F%2Fhooks.example.com%2Fin&webhook_login=ops";

  private static Map<String, String> decode(String body, String contentType) {
    return RequestBody.decodeFields(body, false, contentType);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  // ---- Content-Type ----

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @NullSource
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=UTF-8",
        "application/json;charset=utf-8",
        "Application/JSON",
        "APPLICATION/JSON; CHARSET=UTF8",
        "application/json; charset=\"utf-8\"",
        "application/json ; charset=us-ascii",
        "application/json;",
        " application/json \t",
        "",
        "  ",
      })
  void json_contentTypeVariants_areDecodedAsJson(String contentType) {
    assertThat(decode(JSON_BODY, contentType))
        .containsExactly(entry("webhook", "https://hooks.example.com/in"), entry("webhook_pass", null));
  }

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @NullSource
  @ValueSource(
      strings = {
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",
        "application/x-www-form-urlencoded;charset=utf-8",
        "Application/X-WWW-Form-Urlencoded",
        "",
      })
  void form_contentTypeVariants_areDecodedAsForm(String contentType) {
    assertThat(decode(FORM_BODY, contentType))
        .containsExactly(entry("webhook", "https://hooks.example.com/in"), entry("webhook_login", "ops"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"{\"webhook\":\"x\"}", "  \r\n\t{\"webhook\":\"x\"}"})
  void missingContentType_bodyStartingWithBrace_isSniffedAsJson(String body) {
    assertThat(decode(body, null)).containsExactly(entry("webhook", "x"));
  }

  @Test
  void missingContentType_brokenJson_isReportedAsJson() {
    ClientError error = ClientErrors.thrownBy(() -> decode("{webhook=x", null));
    assertThat(error.detail()).startsWith("invalid JSON: ");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"webhook=x", "webhook={x}", "[1]=x"})
  void missingContentType_otherBody_isSniffedAsForm(String body) {
    assertThat(decode(body, " ")).hasSize(1);
  }

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @ValueSource(
      strings = {
        "text/plain",
        "text/plain; charset=utf-8",
        "application/xml",
        "application/json-patch+json",
        "application/vnd.api+json",
        "multipart/mixed; boundary=XyZ",
        "application/octet-stream",
        "*/*",
      })
  void unsupportedMediaType_isUnsupportedContentType_namingIt(String contentType) {
    ClientError error = ClientErrors.thrownBy(() -> decode(FORM_BODY, contentType));
    assertThat(error.message()).isEqualTo(ErrorMessages.UNSUPPORTED_CONTENT_TYPE);
    assertThat(error.detail()).isEqualTo("received Content-Type: " + contentType);
  }

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @ValueSource(
      strings = {
        "json",
        "application",
        "application/",
        "/json",
        "application json",
        "application/json charset=utf-8",
        "application/json; charset",
        "application/json; charset=",
        "application/json; charset=\"utf-8",
        "application/json; charset=utf-8; charset=utf-8",
        "application/json; =utf-8",
        "application/json, text/plain",
        "application/json\r\n",
        "application/jsön",
        "application/json; charset=\"\u0001\"",
      })
  void unparseableContentType_isUnsupportedContentType(String contentType) {
    ClientError error = ClientErrors.thrownBy(() -> decode(JSON_BODY, contentType));
    assertThat(error.message()).isEqualTo(ErrorMessages.UNSUPPORTED_CONTENT_TYPE);
    assertThat(error.detail()).isEqualTo("received an unparseable Content-Type: " + contentType);
  }

  @Test
  void unsupportedContentType_detail_isShortenedTo100Chars() {
    String contentType = "application/" + "x".repeat(500);
    ClientError error = ClientErrors.thrownBy(() -> decode(FORM_BODY, contentType));
    assertThat(error.detail()).isEqualTo("received Content-Type: " + contentType.substring(0, 100) + "...");
  }

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @ValueSource(
      strings = {
        "application/json; charset=iso-8859-1",
        "application/x-www-form-urlencoded; charset=iso-8859-1",
        "multipart/form-data; boundary=XyZ; charset=iso-8859-1",
        "application/json; charset=\"iso-8859-1\"",
        "application/json; CHARSET=ISO-8859-1",
      })
  void unsupportedCharset_isUnsupportedContentType(String contentType) {
    ClientError error = ClientErrors.thrownBy(() -> decode(JSON_BODY, contentType));
    assertThat(error.message()).isEqualTo(ErrorMessages.UNSUPPORTED_CONTENT_TYPE);
    assertThat(error.detail()).isEqualToIgnoringCase("charset iso-8859-1 is not supported; send UTF-8");
  }

  @Test
  void unsupportedCharset_utf16_isNamedAsSent() {
    ClientError error = ClientErrors.thrownBy(() -> decode(JSON_BODY, "application/json; charset=UTF-16"));
    assertThat(error.detail()).isEqualTo("charset UTF-16 is not supported; send UTF-8");
  }

  @ParameterizedTest(name = "[{index}] body {0}")
  @NullSource
  @ValueSource(strings = {""})
  void unsupportedContentType_isReportedEvenForAnEmptyBody(String body) {
    ClientError error = ClientErrors.thrownBy(() -> decode(body, "text/plain"));
    assertThat(error.message()).isEqualTo(ErrorMessages.UNSUPPORTED_CONTENT_TYPE);
  }

  // ---- empty body ----

  static Stream<Arguments> emptyBodies() {
    return Stream.of(null, "", JSON, FORM, MULTIPART, "application/json; charset=utf-8")
        .flatMap(
            contentType ->
                Stream.of(
                    Arguments.of(null, null, contentType),
                    Arguments.of("", null, contentType),
                    Arguments.of(null, true, contentType),
                    Arguments.of("", true, contentType),
                    Arguments.of("", false, contentType)));
  }

  @ParameterizedTest(name = "[{index}] body={0} base64={1} Content-Type: {2}")
  @MethodSource("emptyBodies")
  void emptyBody_hasNoFields_whateverTheContentType(String body, Boolean isBase64Encoded, String contentType) {
    assertThat(RequestBody.decodeFields(body, isBase64Encoded, contentType)).isEmpty();
  }

  // ---- base64 ----

  @Test
  void base64_formBody_isDecoded() {
    String body =
        "d2ViaG9vaz1odHRwcyUzQSUyRiUyRmhvb2tzLmV4YW1wbGUuY29tJTJGaW4md2ViaG9va19sb2dpbj1vcHMmd2ViaG9va19wYXNzPXAlMkJzcw==";
    assertThat(RequestBody.decodeFields(body, true, FORM))
        .containsExactly(
            entry("webhook", "https://hooks.example.com/in"), entry("webhook_login", "ops"), entry("webhook_pass", "p+ss"));
  }

  @Test
  void base64_jsonBodyWithNonAscii_isDecoded() {
    assertThat(RequestBody.decodeFields(base64("{\"webhook_pass\":\"pässwörd\"}"), true, null))
        .containsExactly(entry("webhook_pass", "pässwörd"));
  }

  @Test
  void base64FlagNullOrFalse_bodyIsUsedAsIs() {
    String encoded = base64("webhook=x");
    assertThat(RequestBody.decodeFields(encoded, null, FORM)).containsOnlyKeys(encoded);
    assertThat(RequestBody.decodeFields(encoded, false, FORM)).containsOnlyKeys(encoded);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "not base64!",
        "Y",
        "YQ=",
        "YQ===",
        "YQ==YQ==",
        "d2Vi aG9v",
        "d2Vi\r\naG9v",
        "d2Vi-_8",
        "d2Viü",
        "=",
      })
  void base64_invalid_isBodyInvalid(String body) {
    ClientError error = ClientErrors.thrownBy(() -> RequestBody.decodeFields(body, true, FORM));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("isBase64Encoded is true but the body is not valid base64");
  }

  @ParameterizedTest(name = "[{index}] bytes {0}")
  @ValueSource(strings = {"c328", "ff", "e0a4", "eda080", "c0af", "7765626800ff"})
  void base64_decodedBytesNotUtf8_isBodyInvalid(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    String body = Base64.getEncoder().encodeToString(bytes);
    ClientError error = ClientErrors.thrownBy(() -> RequestBody.decodeFields(body, true, FORM));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("body is not valid UTF-8");
  }

  @Test
  void textBodyWithLoneSurrogate_isBodyInvalid() {
    ClientError error = ClientErrors.thrownBy(() -> decode("webhook_pass=a\uDC00b", FORM));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("body is not valid UTF-8");
  }

  // ---- size ----

  private static final int MAX = ErrorMessages.MAX_BODY_BYTES;

  @Test
  void size_16384Bytes_isAccepted() {
    String body = "webhook=" + "a".repeat(MAX - 8);
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(16384);
    assertThat(decode(body, FORM).get("webhook")).hasSize(MAX - 8);
  }

  @Test
  void size_16385Bytes_isTooLarge() {
    String body = "webhook=" + "a".repeat(MAX - 7);
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(16385);
    ClientError error = ClientErrors.thrownBy(() -> decode(body, FORM));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_TOO_LARGE);
    assertThat(error.detail()).isNotBlank();
  }

  @Test
  void size_isCountedInUtf8Bytes_notChars() {
    String atLimit = "webhook=" + "ä".repeat((MAX - 8) / 2); // 2 bytes each
    String emojiAtLimit = "webhook=" + "😀".repeat((MAX - 8) / 4); // 4 bytes each, 2 chars
    assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(MAX);
    assertThat(emojiAtLimit.getBytes(StandardCharsets.UTF_8)).hasSize(MAX);
    assertThat(decode(atLimit, FORM)).hasSize(1);
    assertThat(decode(emojiAtLimit, FORM)).hasSize(1);

    String overLimit = atLimit + "a"; // 8197 chars, 16385 bytes
    assertThat(ClientErrors.thrownBy(() -> decode(overLimit, FORM)).message()).isEqualTo(ErrorMessages.BODY_TOO_LARGE);
  }

  @Test
  void size_base64_isCountedAfterDecoding() {
    String atLimit = base64("webhook=" + "a".repeat(MAX - 8));
    String overLimit = base64("webhook=" + "a".repeat(MAX - 7));
    assertThat(atLimit.length()).isGreaterThan(MAX);
    assertThat(RequestBody.decodeFields(atLimit, true, FORM)).hasSize(1);
    assertThat(ClientErrors.thrownBy(() -> RequestBody.decodeFields(overLimit, true, FORM)).message())
        .isEqualTo(ErrorMessages.BODY_TOO_LARGE);
  }

  @ParameterizedTest(name = "[{index}] base64={0}")
  @ValueSource(booleans = {false, true})
  void size_oneMebibyteBody_isTooLarge_beforeAnythingElse(boolean isBase64Encoded) {
    char[] chars = new char[1 << 20];
    Arrays.fill(chars, '{'); // invalid JSON, invalid base64: size still comes first
    String body = new String(chars);
    ClientError error = ClientErrors.thrownBy(() -> RequestBody.decodeFields(body, isBase64Encoded, "text/plain"));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_TOO_LARGE);
  }

  @Test
  void size_isCheckedBeforeParsing() {
    String body = "{\"webhook\":" + "[".repeat(MAX);
    assertThat(ClientErrors.thrownBy(() -> decode(body, JSON)).message()).isEqualTo(ErrorMessages.BODY_TOO_LARGE);
  }

  // ---- multipart through the entry point ----

  @Test
  void multipart_curlBody_isDecoded() {
    String boundary = "------------------------d74496d66958873e";
    String body =
        "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"webhook\"\r\n\r\n"
            + "https://hooks.example.com/in\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"webhook_pass\"\r\n\r\n"
            + "pässwörd\r\n"
            + "--" + boundary + "--\r\n";
    String contentType = "multipart/form-data; boundary=" + boundary;
    assertThat(RequestBody.decodeFields(body, false, contentType))
        .containsExactly(entry("webhook", "https://hooks.example.com/in"), entry("webhook_pass", "pässwörd"));
    // API Gateway with multipart/form-data as a binary media type sends it base64-encoded
    assertThat(RequestBody.decodeFields(base64(body), true, contentType))
        .containsExactly(entry("webhook", "https://hooks.example.com/in"), entry("webhook_pass", "pässwörd"));
  }

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @ValueSource(
      strings = {
        "multipart/form-data; boundary=\"XyZ\"",
        "Multipart/Form-Data;boundary=XyZ",
        "multipart/form-data; charset=utf-8; boundary=XyZ",
      })
  void multipart_contentTypeVariants_areAccepted(String contentType) {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--\r\n";
    assertThat(decode(body, contentType)).containsExactly(entry("a", "x"));
  }

  @Test
  void multipart_boundaryOf70Chars_isAccepted() {
    String boundary = "b".repeat(70);
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" + boundary + "--";
    assertThat(decode(body, "multipart/form-data; boundary=" + boundary)).containsExactly(entry("a", "x"));
  }

  @ParameterizedTest(name = "[{index}] Content-Type: {0}")
  @ValueSource(
      strings = {"multipart/form-data", "multipart/form-data; charset=utf-8", "multipart/form-data; boundary=\"\""})
  void multipart_missingOrEmptyBoundary_isBodyInvalid(String contentType) {
    ClientError error = ClientErrors.thrownBy(() -> decode("--x\r\n", contentType));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).contains("boundary");
  }

  @Test
  void multipart_boundaryOf71Chars_isBodyInvalid() {
    ClientError error = ClientErrors.thrownBy(() -> decode("--x\r\n", "multipart/form-data; boundary=" + "b".repeat(71)));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("the multipart boundary must be 1 to 70 characters long");
  }

  // ---- rules common to every encoding ----

  static Stream<Arguments> differentValues() {
    return Stream.of(
        Arguments.of("webhook=a&webhook=b", FORM),
        Arguments.of("webhook=a&webhook=", FORM),
        Arguments.of("{\"webhook\":\"a\",\"webhook\":\"b\"}", JSON),
        Arguments.of("{\"webhook\":null,\"webhook\":\"\"}", JSON),
        Arguments.of("{\"webhook\":\"\",\"webhook\":null}", null),
        Arguments.of(
            "--XyZ\r\nContent-Disposition: form-data; name=\"webhook\"\r\n\r\na\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"webhook\"\r\n\r\nb\r\n--XyZ--",
            MULTIPART));
  }

  @ParameterizedTest(name = "[{index}] {1}: {0}")
  @MethodSource("differentValues")
  void duplicateNameWithDifferentValues_isAmbiguous(String body, String contentType) {
    ClientError error = ClientErrors.thrownBy(() -> decode(body, contentType));
    assertThat(error.message()).isEqualTo(ErrorMessages.ambiguous("webhook"));
    assertThat(error.detail()).isEqualTo("each field may be given once");
  }

  static Stream<Arguments> sameValues() {
    return Stream.of(
        Arguments.of("webhook=a&webhook_login=l&webhook=a", FORM),
        Arguments.of("{\"webhook\":\"a\",\"webhook_login\":\"l\",\"webhook\":\"a\"}", JSON),
        Arguments.of(
            "--XyZ\r\nContent-Disposition: form-data; name=\"webhook\"\r\n\r\na\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"webhook_login\"\r\n\r\nl\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=webhook\r\n\r\na\r\n--XyZ--",
            MULTIPART));
  }

  @ParameterizedTest(name = "[{index}] {1}: {0}")
  @MethodSource("sameValues")
  void duplicateNameWithSameValue_isAcceptedOnce(String body, String contentType) {
    assertThat(decode(body, contentType)).containsExactly(entry("webhook", "a"), entry("webhook_login", "l"));
  }

  @Test
  void fieldsAreNotValidatedHere() {
    assertThat(decode("unknown=1&webhook=not a url", FORM)).containsOnlyKeys("unknown", "webhook");
  }

  @Test
  void result_isUnmodifiable() {
    Map<String, String> fields = decode(FORM_BODY, FORM);
    assertThatThrownBy(() -> fields.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void leadingByteOrderMark_isIgnored_inEveryEncodingAndForSniffing() {
    assertThat(RequestBody.decodeFields("\uFEFF{\"webhook_login\":\"x\"}", false, null)).containsEntry("webhook_login", "x");
    assertThat(RequestBody.decodeFields("\uFEFF{\"webhook_login\":\"x\"}", false, "application/json")).containsEntry("webhook_login", "x");
    assertThat(RequestBody.decodeFields("77u/d2ViaG9va19sb2dpbj14", true, "application/x-www-form-urlencoded"))
        .containsEntry("webhook_login", "x");
  }

  @Test
  void textBodyWithReplacementCharacter_isInvalid_butBase64BodyIsCheckedExactly() {
    // API Gateway replaces invalid UTF-8 in text bodies with U+FFFD: the original bytes are lost
    assertThatThrownBy(() -> RequestBody.decodeFields("webhook_pass=p\uFFFD\uFFFDss", false, "application/x-www-form-urlencoded"))
        .isInstanceOfSatisfying(ClientError.class, e -> {
          assertThat(e.message()).isEqualTo("body invalid");
          assertThat(e.detail()).isEqualTo("body is not valid UTF-8");
        });
    // raw bytes 0xFF 0xFE, base64-encoded as with BinaryMediaTypes */*
    assertThatThrownBy(() -> RequestBody.decodeFields("d2ViaG9va19wYXNzPf/+", true, "application/x-www-form-urlencoded"))
        .isInstanceOf(ClientError.class);
  }
}
