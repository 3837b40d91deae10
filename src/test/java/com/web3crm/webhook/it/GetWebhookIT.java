package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_SECRET;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.TestDynamoDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /crm_get_webhook, and the credential rules both routes share, against a real DynamoDB-compatible server. */
@ExtendWith(TestDynamoDb.class)
class GetWebhookIT {
  private final ApiFixture api;

  GetWebhookIT(TestDynamoDb db) {
    this.api = new ApiFixture(db);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void unsetWebhook_returnsAllThreeKeysAsNull_withNoStore() {
    Response response = api.get(EventBuilder.get().credentials(KEY, SECRET).build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"status\":true,\"data\":{\"webhook\":null,\"webhook_pass\":null,\"webhook_login\":null}}");
    assertThat(response.headers())
        .containsEntry("Content-Type", "application/json; charset=utf-8")
        .containsEntry("Cache-Control", "no-store");
  }

  @Test
  void readsWhatWasRegistered_andMakesExactlyOneConsistentGetItem() {
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fin&webhook_login=ops&webhook_pass=pw");
    api.calls.clear();

    Response response = api.get(EventBuilder.get().credentials(KEY, SECRET).build());

    assertThat(response.body()).isEqualTo(
        "{\"status\":true,\"data\":{\"webhook\":\"https://hooks.example.com/in\",\"webhook_pass\":\"pw\",\"webhook_login\":\"ops\"}}");
    assertThat(api.calls).containsExactly("GetItem");
  }

  @Test
  void missingOrBlankCredentials_areMissing_notInvalid() {
    for (var event : new EventBuilder[] {
        EventBuilder.get(),
        EventBuilder.get().header("api_key", KEY),
        EventBuilder.get().header("api_secret", SECRET),
        EventBuilder.get().credentials("", ""),
        EventBuilder.get().credentials("   ", SECRET),
        EventBuilder.get().credentials(KEY, " \t"),
    }) {
      Response response = api.get(event.build());
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.message()).isEqualTo("api_key or api_secret missing");
    }
    assertThat(api.calls).as("DynamoDB is never called with an empty key").isEmpty();
  }

  @Test
  void credentialHeaders_matchAnyCase_andAreTrimmed() {
    Response response = api.get(EventBuilder.get().header("API_KEY", "  " + KEY + " ").header("Api_Secret", SECRET + "\t").build());

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void credentialsOnlyInMultiValueHeaders_areRead() {
    var event = EventBuilder.get().credentials(KEY, SECRET).build();
    event.setHeaders(null);

    assertThat(api.get(event).status()).isEqualTo(200);
  }

  @Test
  void logLines_areJsonWithRequestIdAndRoute_andNeverCarrySecrets() {
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fin&webhook_pass=very-secret-pass");
    api.get(EventBuilder.get().credentials(KEY, SECRET).build());
    api.get(EventBuilder.get().credentials(KEY, "s_wrong_secret").build());

    assertThat(api.context.logLines).hasSize(3);
    for (String line : api.context.logLines) {
      var json = ApiFixture.parse(line);
      assertThat(json.get("request_id").asText()).startsWith("test-");
      assertThat(json.get("route").asText()).isIn("POST /crm_register_webhook", "GET /crm_get_webhook");
      assertThat(json.has("status")).isTrue();
      assertThat(line).doesNotContain(SECRET, "very-secret-pass", "s_wrong_secret", "hooks.example.com");
    }
  }
}
