package com.web3crm.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Header names match case-insensitively in ASCII only, as HTTP field names do. Found by HandlerPropertiesIT:
 * {@code String.equalsIgnoreCase} folds some non-ASCII letters onto ASCII ones, so these names were read as
 * {@code api_key} / {@code api_secret}.
 */
class RequestHeadersTest {

  @ParameterizedTest
  @ValueSource(strings = {"api_key", "API_KEY", "Api_Key", "aPi_kEy"})
  void asciiCaseVariants_areTheHeader(String name) {
    var event = new APIGatewayProxyRequestEvent().withHeaders(Map.of(name, "k_1"));
    assertThat(RequestHeaders.single(event, "api_key")).isEqualTo("k_1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AP\u0130_KEY", "ap\u0131_key", "api_\u212Aey", "API_\u212AEY"})
  void nonAsciiLookAlikes_areNotApiKey_neitherAloneNorNextToTheRealOne(String name) {
    var alone = new APIGatewayProxyRequestEvent().withMultiValueHeaders(Map.of(name, List.of("k_other")));
    assertThat(RequestHeaders.single(alone, "api_key")).isNull();

    var nextToReal = new APIGatewayProxyRequestEvent()
        .withHeaders(Map.of("api_key", "k_1", name, "k_other"))
        .withMultiValueHeaders(Map.of("api_key", List.of("k_1"), name, List.of("k_other")));
    assertThat(RequestHeaders.single(nextToReal, "api_key")).as("not ambiguous").isEqualTo("k_1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"api_\u017Fecret", "API_\u017FECRET", "ap\u0131_secret", "AP\u0130_SECRET"})
  void nonAsciiLookAlikes_areNotApiSecret(String name) {
    var event = new APIGatewayProxyRequestEvent().withHeaders(Map.of(name, "s_other"));
    assertThat(RequestHeaders.single(event, "api_secret")).isNull();
  }
}
