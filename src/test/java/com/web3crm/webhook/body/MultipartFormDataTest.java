package com.web3crm.webhook.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartFormDataTest {
  private static final String B = "XyZ";

  /** A body with the given parts ("headers\r\n\r\nvalue" each), CRLF line ends, closing delimiter. */
  private static String body(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      out.append("--").append(B).append("\r\n").append(part).append("\r\n");
    }
    return out.append("--").append(B).append("--\r\n").toString();
  }

  private static String field(String name, String value) {
    return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
  }

  @Test
  void multipart_curlStyleBody_isDecoded() {
    // what curl 8 sends for: curl -F webhook=https://hooks.example.com/in -F webhook_login=ops -F webhook_pass=pässwörd
    String boundary = "------------------------d74496d66958873e";
    String body =
        "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"webhook\"\r\n"
            + "\r\n"
            + "https://hooks.example.com/in\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"webhook_login\"\r\n"
            + "\r\n"
            + "ops\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"webhook_pass\"\r\n"
            + "\r\n"
            + "pässwörd\r\n"
            + "--" + boundary + "--\r\n";
    assertThat(MultipartFormData.decode(body, boundary))
        .containsExactly(
            entry("webhook", "https://hooks.example.com/in"), entry("webhook_login", "ops"), entry("webhook_pass", "pässwörd"));
  }

  @Test
  void multipart_bareLfLineEnds_areAccepted() {
    String body = "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nx\n--XyZ\nContent-Disposition: form-data; name=b\n\n\n--XyZ--\n";
    assertThat(MultipartFormData.decode(body, B)).containsExactly(entry("a", "x"), entry("b", ""));
  }

  @Test
  void multipart_preambleAndEpilogue_areIgnored() {
    String body = "This is a preamble.\r\n--XyZ\r\n" + field("a", "x") + "\r\n--XyZ--\r\nand an epilogue --XyZ\r\n";
    assertThat(MultipartFormData.decode(body, B)).containsExactly(entry("a", "x"));
  }

  @Test
  void multipart_closingDelimiterWithoutLineEnd_isAccepted() {
    assertThat(MultipartFormData.decode("--XyZ\r\n" + field("a", "x") + "\r\n--XyZ--", B))
        .containsExactly(entry("a", "x"));
  }

  @Test
  void multipart_transportPaddingAfterDelimiter_isAccepted() {
    String body = "--XyZ \t\r\n" + field("a", "x") + "\r\n--XyZ--";
    assertThat(MultipartFormData.decode(body, B)).containsExactly(entry("a", "x"));
  }

  @Test
  void multipart_emptyValueWithoutContentLine_isAccepted() {
    // RFC 2046: body-part := MIME-part-headers [CRLF *OCTET]: the blank line's CRLF starts the next delimiter
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--XyZ\r\n" + field("b", "y") + "\r\n--XyZ--";
    assertThat(MultipartFormData.decode(body, B)).containsExactly(entry("a", ""), entry("b", "y"));
  }

  @Test
  void multipart_onlyClosingDelimiter_hasNoFields() {
    assertThat(MultipartFormData.decode("--XyZ--\r\n", B)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "x",
        "line one\r\nline two",
        "ends with CRLF\r\n",
        "\r\n\r\n",
        "--XyY\r\n-- other dashes",
        "pässwörd 😀",
        "\u0000 nul",
        "Content-Disposition: form-data; name=\"fake\"",
      })
  void multipart_valueIsKeptExactly(String value) {
    assertThat(MultipartFormData.decode(body(field("v", value)), B)).containsExactly(entry("v", value));
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("form-data; name=\"webhook\"", "webhook"),
        Arguments.of("form-data; name=webhook", "webhook"),
        Arguments.of("FORM-DATA;NAME=\"webhook\"", "webhook"),
        Arguments.of("form-data ;  name=\"webhook\" ; ", "webhook"),
        Arguments.of("form-data; name=\"we\\\"b\\\\hook\"", "we\"b\\hook"),
        Arguments.of("form-data; name=\"pässwörd\"", "pässwörd"),
        Arguments.of("form-data; name=\"\"", ""),
        Arguments.of("form-data; name=\"a\"; other=\"ignored\"", "a"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("names")
  void multipart_contentDispositionName_isDecoded(String disposition, String name) {
    String body = body("Content-Disposition: " + disposition + "\r\n\r\nv");
    assertThat(MultipartFormData.decode(body, B)).containsExactly(entry(name, "v"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "content-disposition: form-data; name=\"a\"",
        "CONTENT-DISPOSITION:form-data; name=\"a\"",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain",
        "Content-Disposition: form-data; name=\"a\"\r\ncontent-type: TEXT/PLAIN; charset=UTF-8",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain;charset=\"us-ascii\"",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: 8bit",
        "Content-Disposition: form-data; name=\"a\"\r\nX-Whatever: ignored",
        "X-First: 1\r\nContent-Disposition: form-data; name=\"a\"",
        "Content-Disposition: form-data;\r\n name=\"a\"", // obsolete line folding
      })
  void multipart_partHeaders_textFieldVariants_areAccepted(String headers) {
    assertThat(MultipartFormData.decode(body(headers + "\r\n\r\nv"), B)).containsExactly(entry("a", "v"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "Content-Disposition: form-data; name=\"a\"; filename=\"secret.txt\"",
        "Content-Disposition: form-data; name=\"a\"; filename=\"\"",
        "Content-Disposition: form-data; name=\"a\"; FILENAME=x.txt",
        "Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''x.txt",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: application/octet-stream",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/html",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: application/json",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: not a media type",
      })
  void multipart_fileOrNonTextPart_isRejected(String headers) {
    ClientError error = ClientErrors.thrownBy(() -> MultipartFormData.decode(body(headers + "\r\n\r\nv"), B));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).isEqualTo("file uploads are not accepted; send text fields only");
  }

  /** {body, a fragment the detail must contain}. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("just text", "does not occur in the body"),
        Arguments.of("--OtherBoundary\r\n" + field("a", "x") + "\r\n--OtherBoundary--", "does not occur"),
        Arguments.of("x--XyZ\r\n" + field("a", "x") + "\r\n--XyZ--", "no part before the closing"),
        Arguments.of("preamble\r\n--XyZ--\r\n", "no part before the closing"),
        Arguments.of(body(field("a", "--XyZ is a delimiter line with text after it")), "unexpected text after a boundary"),
        Arguments.of(body(field("a", "x\r\n--XyZ\tx")), "unexpected text after a boundary"),
        Arguments.of("--XyZ", "ends after a boundary delimiter"),
        Arguments.of("--XyZ\r\n", "ends inside a part's headers"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data; name=\"a\"", "ends inside a part's headers"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n", "ends inside a part's headers"),
        Arguments.of("--XyZ\r\n" + field("a", "x"), "no closing boundary delimiter"),
        Arguments.of("--XyZ\r\n" + field("a", "x") + "\r\n", "no closing boundary delimiter"),
        Arguments.of("--XyZ\r\n" + field("a", "x") + "--XyZ--", "no closing boundary delimiter"),
        Arguments.of("--XyZ\r\n" + field("a", "x") + "\r\n--XyZ", "ends after a boundary delimiter"),
        Arguments.of("--XyZ\r\n" + field("a", "x") + "\r\n--XyZextra\r\n--XyZ--", "unexpected text after a boundary"),
        Arguments.of("--XyZ-\r\n" + field("a", "x") + "\r\n--XyZ--", "unexpected text after a boundary"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n--XyZ--", "no blank line after its headers"),
        Arguments.of("--XyZ\r\n\r\nx\r\n--XyZ--", "no Content-Disposition header"),
        Arguments.of("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", "no Content-Disposition header"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", "has no name"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data; filenam=\"a\"\r\n\r\nx\r\n--XyZ--", "has no name"),
        Arguments.of("--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--", "not form-data"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--", "invalid Content-Disposition"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--XyZ--", "invalid Content-Disposition"),
        Arguments.of("--XyZ\r\nContent-Disposition: form-data name=\"a\"\r\n\r\nx\r\n--XyZ--", "invalid Content-Disposition"),
        Arguments.of(
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n--XyZ--",
            "two Content-Disposition headers"),
        Arguments.of("--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--", "invalid header line"),
        Arguments.of("--XyZ\r\nBad Name: x\r\n\r\nx\r\n--XyZ--", "invalid header line"),
        Arguments.of("--XyZ\r\n: x\r\n\r\nx\r\n--XyZ--", "invalid header line"),
        Arguments.of("--XyZ\r\n continued\r\n\r\nx\r\n--XyZ--", "starts with a continuation line"),
        Arguments.of(
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\neA==\r\n--XyZ--",
            "Content-Transfer-Encoding is not supported"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("malformed")
  void multipart_malformed_isBodyInvalid(String body, String detailFragment) {
    ClientError error = ClientErrors.thrownBy(() -> MultipartFormData.decode(body, B));
    assertThat(error.message()).isEqualTo(ErrorMessages.BODY_INVALID);
    assertThat(error.detail()).startsWith("multipart body is malformed: ").contains(detailFragment);
  }

  @Test
  void multipart_errorDetails_neverQuoteBodyText() {
    String body = "--XyZ\r\nContent-Disposition: s3cr3t; name=\"s3cr3t\"\r\n\r\ns3cr3t\r\n--XyZ--";
    ClientError error = ClientErrors.thrownBy(() -> MultipartFormData.decode(body, B));
    assertThat(error.detail()).doesNotContain("s3cr3t");
  }

  @Test
  void multipart_duplicateNameWithDifferentValues_isAmbiguous() {
    ClientError error =
        ClientErrors.thrownBy(() -> MultipartFormData.decode(body(field("webhook", "a"), field("webhook", "b")), B));
    assertThat(error.message()).isEqualTo(ErrorMessages.ambiguous("webhook"));
    assertThat(error.detail()).isEqualTo("each field may be given once");
  }

  @Test
  void multipart_duplicateNameWithSameValue_isAcceptedOnce() {
    assertThat(MultipartFormData.decode(body(field("a", "x"), field("b", "y"), field("a", "x")), B))
        .containsExactly(entry("a", "x"), entry("b", "y"));
  }

  @Test
  void multipart_boundaryWithRegexAndSpecialChars_isMatchedLiterally() {
    String boundary = "a.b*c+(d)?:=,'/ x";
    String body = "--" + boundary + "\r\n" + field("a", "x") + "\r\n--" + boundary + "--";
    assertThat(MultipartFormData.decode(body, boundary)).containsExactly(entry("a", "x"));
  }

  @Test
  void multipart_textPartInAnotherCharset_isRejected_namingTheCharset() {
    String headers = "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain; charset=iso-8859-1";

    assertThatThrownBy(() -> MultipartFormData.decode(body(headers + "\r\n\r\nv"), B))
        .isInstanceOfSatisfying(ClientError.class,
            e -> assertThat(e.detail()).isEqualTo("a part's charset is not supported; send text fields in UTF-8"));
  }
}
