package com.web3crm.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialHeadersTest {

  static Stream<Arguments> presentCredentials() {
    return Stream.of(
        Arguments.of("lower-case single headers", Map.of("api_key", "k", "api_secret", "s"), null),
        Arguments.of("any case", Map.of("API_KEY", "k", "Api_Secret", "s"), null),
        Arguments.of("surrounding whitespace trimmed", Map.of("api_key", "  k\t", "api_secret", " s "), null),
        Arguments.of("only multiValueHeaders", null, Map.of("api_key", List.of("k"), "api_secret", List.of("s"))),
        Arguments.of("same value in both maps", Map.of("api_key", "k", "api_secret", "s"),
            Map.of("Api_Key", List.of("k"), "api_secret", List.of("s", " s"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presentCredentials")
  void require_readsCredentials(String name, Map<String, String> headers, Map<String, List<String>> multi) {
    Credentials credentials = CredentialHeaders.require(event(headers, multi));

    assertThat(credentials.apiKey()).isEqualTo("k");
    assertThat(credentials.apiSecret()).isEqualTo("s");
  }

  static Stream<Arguments> missingCredentials() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("api_key", null);
    nullValue.put("api_secret", "s");
    Map<String, List<String>> nullList = new HashMap<>();
    nullList.put("api_key", null);
    nullList.put("api_secret", Arrays.asList((String) null));
    return Stream.of(
        Arguments.of("both maps null", null, null),
        Arguments.of("empty maps", Map.of(), Map.of()),
        Arguments.of("key only", Map.of("api_key", "k"), null),
        Arguments.of("secret only", Map.of("api_secret", "s"), null),
        Arguments.of("empty values", Map.of("api_key", "", "api_secret", ""), null),
        Arguments.of("blank key", Map.of("api_key", "   ", "api_secret", "s"), null),
        Arguments.of("null header value", nullValue, null),
        Arguments.of("null list and null item", null, nullList),
        Arguments.of("dashes instead of underscores", Map.of("api-key", "k", "api-secret", "s"), null),
        Arguments.of("underscores dropped by a proxy", Map.of("apikey", "k", "apisecret", "s"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingCredentials")
  void require_missingOrEmpty_isMissing(String name, Map<String, String> headers, Map<String, List<String>> multi) {
    ClientError error = catchThrowableOfType(ClientError.class, () -> CredentialHeaders.require(event(headers, multi)));

    assertThat(error.message()).isEqualTo("api_key or api_secret missing");
  }

  @Test
  void require_nullEvent_isMissing() {
    assertThat(catchThrowableOfType(ClientError.class, () -> CredentialHeaders.require(null)).message())
        .isEqualTo("api_key or api_secret missing");
  }

  @Test
  void require_headerRepeatedWithDifferentValues_isAmbiguous() {
    var event = event(Map.of("api_key", "k2", "api_secret", "s"), Map.of("api_key", List.of("k1", "k2")));

    ClientError error = catchThrowableOfType(ClientError.class, () -> CredentialHeaders.require(event));

    assertThat(error.message()).isEqualTo("ambiguous input: api_key header given more than once with different values");
  }

  @Test
  void require_differentValuesUnderDifferentCasings_isAmbiguous() {
    var event = event(Map.of("api_key", "k1", "API_KEY", "k2", "api_secret", "s"), null);

    assertThat(catchThrowableOfType(ClientError.class, () -> CredentialHeaders.require(event)).message())
        .startsWith("ambiguous input: api_key header");
  }

  @Test
  void credentials_toStringNeverShowsTheSecret() {
    assertThat(new Credentials("k_demo_123", "s_demo_456").toString()).contains("k_demo_123").doesNotContain("s_demo_456");
  }

  @Test
  void keyIsWellFormed_onlyForPrintableAsciiUpTo256() {
    assertThat(new Credentials("ck_abc-DEF_123", "s").keyIsWellFormed()).isTrue();
    assertThat(new Credentials("k".repeat(256), "s").keyIsWellFormed()).isTrue();
    assertThat(new Credentials("k".repeat(257), "s").keyIsWellFormed()).isFalse();
    assertThat(new Credentials("k\u00e9y", "s").keyIsWellFormed()).isFalse();
    assertThat(new Credentials("k y", "s").keyIsWellFormed()).isFalse();
  }

  private static APIGatewayProxyRequestEvent event(Map<String, String> headers, Map<String, List<String>> multi) {
    return new APIGatewayProxyRequestEvent().withHeaders(headers).withMultiValueHeaders(multi);
  }
}
