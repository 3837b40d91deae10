package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /crm_register_webhook against a real DynamoDB-compatible server. */
@ExtendWith(TestDynamoDb.class)
class RegisterWebhookIT {
  private final ApiFixture api;

  RegisterWebhookIT(TestDynamoDb db) {
    this.api = new ApiFixture(db);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void formBody_isStoredInCanonicalForm_andReadBack() {
    api.registerForm("webhook=HTTPS%3A%2F%2FHooks.Example.COM%3A443%2Fin&webhook_login=ops&webhook_pass=p%C3%A4ss");

    var data = api.readBack();
    assertThat(data.get("webhook").asText()).isEqualTo("https://hooks.example.com/in");
    assertThat(data.get("webhook_login").asText()).isEqualTo("ops");
    assertThat(data.get("webhook_pass").asText()).isEqualTo("päss");
  }

  @Test
  void jsonBody_isStored() {
    Response response =
        api.post(EventBuilder.post().credentials(KEY, SECRET)
            .json("{\"webhook\":\"https://hooks.example.com/j\",\"webhook_login\":\"jl\",\"webhook_pass\":\"jp\"}").build());

    assertThat(response.status()).isEqualTo(200);
    var data = api.readBack();
    assertThat(data.get("webhook").asText()).isEqualTo("https://hooks.example.com/j");
    assertThat(data.get("webhook_login").asText()).isEqualTo("jl");
    assertThat(data.get("webhook_pass").asText()).isEqualTo("jp");
  }

  @Test
  void multipartBody_isStored() {
    String boundary = "------------------------a1b2c3d4e5f6";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"webhook\"\r\n\r\nhttps://hooks.example.com/m\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"webhook_pass\"\r\n\r\nmultipärt\r\n"
        + "--" + boundary + "--\r\n";
    Response response = api.post(EventBuilder.post().credentials(KEY, SECRET)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).body(body).build());

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    var data = api.readBack();
    assertThat(data.get("webhook").asText()).isEqualTo("https://hooks.example.com/m");
    assertThat(data.get("webhook_pass").asText()).isEqualTo("multipärt");
    assertThat(data.get("webhook_login").isNull()).isTrue();
  }

  @Test
  void absentFieldsAreKept_emptyFieldsAreCleared() {
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fa&webhook_login=l1&webhook_pass=p1");

    api.registerForm("webhook_login=l2");
    var afterUpdate = api.readBack();
    assertThat(afterUpdate.get("webhook").asText()).isEqualTo("https://hooks.example.com/a");
    assertThat(afterUpdate.get("webhook_login").asText()).isEqualTo("l2");
    assertThat(afterUpdate.get("webhook_pass").asText()).isEqualTo("p1");

    api.registerForm("webhook_pass=&webhook=");
    var afterClear = api.readBack();
    assertThat(afterClear.get("webhook").isNull()).isTrue();
    assertThat(afterClear.get("webhook_pass").isNull()).isTrue();
    assertThat(afterClear.get("webhook_login").asText()).isEqualTo("l2");
    assertThat(api.storedItem(KEY)).doesNotContainKeys("webhook", "webhook_pass");
  }

  @Test
  void jsonNull_clearsTheField() {
    api.registerForm("webhook_login=someone");
    Response response = api.post(EventBuilder.post().credentials(KEY, SECRET).json("{\"webhook_login\":null}").build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(api.readBack().get("webhook_login").isNull()).isTrue();
  }

  @Test
  void everySuccessfulUpdate_incrementsVersion_andSetsUpdatedAt() {
    String createdAt = api.storedItem(KEY).get("created_at").s();
    api.registerForm("webhook_login=a");
    api.registerForm("webhook_login=b");
    api.registerForm("webhook_login=c");

    Map<String, AttributeValue> item = api.storedItem(KEY);
    assertThat(item.get("version").n()).isEqualTo("3");
    assertThat(item.get("created_at").s()).isEqualTo(createdAt);
    assertThat(item.get("updated_at").s()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    assertThat(item.get("status").s()).isEqualTo("active");
  }

  @Test
  void eachRequestThatReachesTheStore_makesExactlyOneConditionalUpdateItem() {
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fx");
    assertThat(api.calls).containsExactly("UpdateItem");

    api.calls.clear();
    api.post(EventBuilder.post().credentials(KEY, "wrong").form("webhook_login=x").build());
    assertThat(api.calls).containsExactly("UpdateItem");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          unknown field                 | application/x-www-form-urlencoded | webhook=https%3A%2F%2Fhooks.example.com%2F&color=red | unknown field: color; allowed: webhook, webhook_login, webhook_pass
          no field at all               | application/x-www-form-urlencoded | ''                                                  | no webhook field given: send at least one of webhook, webhook_login, webhook_pass
          repeated key, other value     | application/x-www-form-urlencoded | webhook_login=a&webhook_login=b                      | ambiguous input: webhook_login given more than once with different values
          duplicate JSON key            | application/json                  | {"webhook_pass":"a","webhook_pass":"b"}              | ambiguous input: webhook_pass given more than once with different values
          JSON number                   | application/json                  | {"webhook_login":5}                                  | body invalid
          JSON number, unknown field    | application/json                  | {"extra":1}                                          | unknown field: extra; allowed: webhook, webhook_login, webhook_pass
          JSON array body               | application/json                  | ["webhook"]                                          | body invalid
          bad percent-escape            | application/x-www-form-urlencoded | webhook_login=100%                                   | body invalid
          unsupported type              | text/plain                        | webhook_login=x                                      | unsupported Content-Type: use application/x-www-form-urlencoded, application/json or multipart/form-data
          login with colon              | application/x-www-form-urlencoded | webhook_login=ops:team                               | webhook_login invalid
          private webhook               | application/x-www-form-urlencoded | webhook=https%3A%2F%2F10.0.0.5%2Fin                  | webhook invalid
          control char in pass          | application/x-www-form-urlencoded | webhook_pass=a%00b                                   | webhook_pass invalid
          """)
  void badInput_is400WithTheContractMessage_andStoresNothing(String name, String contentType, String body, String message) {
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fbefore&webhook_login=before&webhook_pass=before");
    Map<String, AttributeValue> before = api.storedItem(KEY);
    api.calls.clear();

    Response response = api.post(EventBuilder.post().credentials(KEY, SECRET)
        .header("Content-Type", contentType).body(body).build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("status").asBoolean()).isFalse();
    assertThat(response.message()).isEqualTo(message);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(api.storedItem(KEY)).isEqualTo(before);
    assertThat(api.calls).as("rejected before the store").isEmpty();
  }

  @Test
  void bodyOver16KiB_isRejected_16KiBExactlyIsDecoded() {
    String prefix = "webhook_pass=";
    String atLimit = prefix + "x".repeat(16 * 1024 - prefix.length());
    Response tooBig = api.post(EventBuilder.post().credentials(KEY, SECRET).form(atLimit + "x").build());
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.message()).startsWith("body too large");

    Response atLimitResponse = api.post(EventBuilder.post().credentials(KEY, SECRET).form(atLimit).build());
    assertThat(atLimitResponse.message()).as("decoded, then refused by the length rule").isEqualTo("webhook_pass invalid");
  }

  @Test
  void queryStringIsNeverRead_forFieldsOrCredentials() {
    var event = EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=from-body").build()
        .withQueryStringParameters(Map.of("webhook_login", "from-query", "api_key", "k_other"));
    assertThat(api.post(event).status()).isEqualTo(200);
    assertThat(api.readBack().get("webhook_login").asText()).isEqualTo("from-body");

    var credentialsOnlyInQuery = EventBuilder.post().form("webhook_login=x").build()
        .withQueryStringParameters(Map.of("api_key", KEY, "api_secret", SECRET));
    assertThat(api.post(credentialsOnlyInQuery).message()).isEqualTo("api_key or api_secret missing");
  }

  @Test
  void repeatedCredentialHeaderWithDifferentValues_isAmbiguous_sameValueIsFine() {
    Response ambiguous = api.post(EventBuilder.post().credentials(KEY, SECRET).header("api_key", "k_other")
        .form("webhook_login=x").build());
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.message()).isEqualTo("ambiguous input: api_key header given more than once with different values");

    Response repeatedSame = api.post(EventBuilder.post().credentials(KEY, SECRET).header("api_key", KEY)
        .form("webhook_login=x").build());
    assertThat(repeatedSame.status()).isEqualTo(200);
  }

  @Test
  void overlongApiKey_isInvalid_withoutCallingDynamoDb() {
    Response response = api.post(EventBuilder.post().credentials("k".repeat(5000), SECRET).form("webhook_login=x").build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.message()).isEqualTo("api_key or api_secret invalid");
    assertThat(api.calls).isEmpty();
  }
}
