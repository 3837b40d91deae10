package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_SECRET;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No enumeration: a caller cannot tell an unknown key from a wrong secret or a revoked collection. Every kind of
 * wrong credential gets the byte-identical response (status, headers, body) on both routes, after the same
 * DynamoDB work (one GetItem or one UpdateItem), and body validation answers the same whatever the key.
 *
 * <p>The in-code secret comparison (GET) is constant-time: {@code CollectionStore.readWebhook} always calls
 * {@code SecretHash.matches}, which always hashes the given secret and compares 32 bytes with
 * {@code MessageDigest.isEqual} against the stored hash or, when there is none, 32 zero bytes, and combines the
 * outcomes with a non-short-circuit {@code &}. POST compares inside DynamoDB's condition expression, on the hash.
 */
@ExtendWith(TestDynamoDb.class)
class NoEnumerationIT {
  private final ApiFixture api;

  NoEnumerationIT(TestDynamoDb db) {
    this.api = new ApiFixture(db);
  }

  @AfterEach
  void close() {
    api.close();
  }

  /** Every way credentials can be wrong, with a body that is valid for POST. */
  private static Map<String, EventBuilder> wrongCredentials(Function<String, EventBuilder> route) {
    Map<String, EventBuilder> cases = new LinkedHashMap<>();
    cases.put("unknown key", route.apply("").credentials("k_never_issued", SECRET));
    cases.put("wrong secret", route.apply("").credentials(KEY, "s_wrong_secret"));
    cases.put("revoked collection, its own secret", route.apply("").credentials(REVOKED_KEY, REVOKED_SECRET));
    cases.put("revoked collection, wrong secret", route.apply("").credentials(REVOKED_KEY, SECRET));
    cases.put("another collection's secret", route.apply("").credentials(KEY, REVOKED_SECRET));
    cases.put("the stored hash sent as the secret", route.apply("").credentials(KEY, SecretHash.of(SECRET)));
    cases.put("key in another case", route.apply("").credentials(KEY.toUpperCase(), SECRET));
    cases.put("secret with a prefix of the right one", route.apply("").credentials(KEY, SECRET.substring(0, 5)));
    cases.put("secret longer than the right one", route.apply("").credentials(KEY, SECRET + "0"));
    cases.put("malformed key (2 KB)", route.apply("").credentials("k".repeat(2048), SECRET));
    cases.put("malformed key (control character)", route.apply("").credentials("k_demo\u0001123", SECRET));
    return cases;
  }

  @Test
  void get_everyKindOfWrongCredential_getsTheByteIdenticalAnswer_afterTheSameDynamoDbWork() {
    assertIdentical(wrongCredentials(unused -> EventBuilder.get()), "GetItem");
  }

  @Test
  void post_everyKindOfWrongCredential_getsTheByteIdenticalAnswer_afterTheSameDynamoDbWork_andWritesNothing() {
    var before = Map.of(KEY, api.storedItem(KEY), REVOKED_KEY, api.storedItem(REVOKED_KEY));

    assertIdentical(wrongCredentials(unused -> EventBuilder.post().form("webhook_login=x")), "UpdateItem");

    assertThat(Map.of(KEY, api.storedItem(KEY), REVOKED_KEY, api.storedItem(REVOKED_KEY))).isEqualTo(before);
  }

  @Test
  void post_bodyValidationAnswersTheSameWhateverTheKey_soAnInvalidBodyRevealsNothingAboutIt() {
    List<String> bodies = List.of("webhook=http%3A%2F%2Fhooks.example.com%2F", "color=blue", "webhook_pass=%ZZ", "");
    for (String body : bodies) {
      List<Response> answers = new ArrayList<>();
      for (String[] credentials : new String[][] {
          {KEY, SECRET}, {"k_never_issued", SECRET}, {KEY, "s_wrong_secret"}, {REVOKED_KEY, REVOKED_SECRET}}) {
        answers.add(api.post(EventBuilder.post().credentials(credentials[0], credentials[1]).form(body).build()));
      }
      assertThat(answers.get(0).status()).as(body).isEqualTo(400);
      assertThat(answers.get(0).message()).as(body).isNotEqualTo("api_key or api_secret invalid");
      assertThat(answers).as(body).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
    }
    assertThat(api.calls).as("an invalid body never reaches DynamoDB").isEmpty();
  }

  private void assertIdentical(Map<String, EventBuilder> cases, String operation) {
    Response first = null;
    for (var entry : cases.entrySet()) {
      api.calls.clear();
      Response response = entry.getValue().method().equals("GET")
          ? api.get(entry.getValue().build())
          : api.post(entry.getValue().build());
      boolean malformedKey = entry.getKey().startsWith("malformed key");
      assertThat(api.calls).as(entry.getKey() + ": DynamoDB calls")
          .isEqualTo(malformedKey ? List.of() : List.of(operation));
      if (first == null) {
        first = response;
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.headers()).containsOnlyKeys("Content-Type", "Cache-Control");
        assertThat(first.body()).isEqualTo("{\"status\":false,\"message\":\"api_key or api_secret invalid\"}");
      }
      assertThat(response).as(entry.getKey()).isEqualTo(first);
    }
    System.out.println("[NoEnumerationIT] " + (operation.equals("GetItem") ? "GET" : "POST") + ": " + cases.size()
        + " kinds of wrong credentials, 1 distinct answer (status, headers, body): " + first.status() + " " + first.body());
  }
}
