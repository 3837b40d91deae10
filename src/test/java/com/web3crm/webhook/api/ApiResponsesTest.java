package com.web3crm.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.store.WebhookSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void updated_isTheContractBody() {
    var response = ApiResponses.updated();
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).isEqualTo("{\"status\":true,\"message\":\"updated\"}");
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "application/json; charset=utf-8")
        .containsEntry("Cache-Control", "no-store");
  }

  @Test
  void clientError_hasDetailOnlyWhenGiven() {
    assertThat(ApiResponses.clientError(new ClientError("webhook invalid", "scheme must be https")).getBody())
        .isEqualTo("{\"status\":false,\"message\":\"webhook invalid\",\"detail\":\"scheme must be https\"}");
    assertThat(ApiResponses.clientError(new ClientError("api_key or api_secret invalid")).getBody())
        .isEqualTo("{\"status\":false,\"message\":\"api_key or api_secret invalid\"}");
  }

  @Test
  void internalError_is503WhenUnavailable_500Otherwise_withRequestId() {
    assertThat(ApiResponses.internalError(true, "req-1").getStatusCode()).isEqualTo(503);
    var failure = ApiResponses.internalError(false, "req-2");
    assertThat(failure.getStatusCode()).isEqualTo(500);
    assertThat(failure.getBody()).isEqualTo("{\"status\":false,\"message\":\"internal error\",\"request_id\":\"req-2\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "quote\" backslash\\ slash/", "ctl\u0000\u0001\u001f\n\r\t", "pässwörd 用户 \uD83D\uDE00", "\u2028\u2029"})
  void webhook_bodyIsValidJsonThatRoundTripsEveryValue(String value) throws Exception {
    var body = ApiResponses.webhook(new WebhookSettings("c", "https://h.example.com/", value, null)).getBody();

    var data = JSON.readTree(body).get("data");
    assertThat(data.get("webhook_login").asText()).isEqualTo(value);
    assertThat(data.get("webhook_pass").isNull()).isTrue();
    assertThat(data.get("webhook").asText()).isEqualTo("https://h.example.com/");
  }

  @Test
  void webhookSettings_toStringHidesThePassword() {
    assertThat(new WebhookSettings("c", "https://h.example.com/", "l", "pw-secret").toString()).doesNotContain("pw-secret");
  }
}
