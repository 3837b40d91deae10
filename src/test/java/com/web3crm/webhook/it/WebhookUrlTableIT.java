package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.TestDynamoDb;
import com.web3crm.webhook.testing.WebhookUrlCases;
import com.web3crm.webhook.testing.WebhookUrlCases.Case;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every webhook URL case of {@link WebhookUrlCases} (the table plus the generated 2048/2049-character URLs) through
 * POST /crm_register_webhook and GET /crm_get_webhook against the real store: an accepted URL is stored (its
 * {@code version} grows by one) and read back in exactly its canonical form; a refused one is answered
 * {@code 400 webhook invalid} with the expected reason and leaves the stored item as it was.
 *
 * <p>Each value is sent as JSON in a base64 body, as the deployed API passes bodies that have a Content-Type, so
 * the handler sees the exact characters: control characters and quotes are JSON-escaped, everything else is sent
 * as UTF-8. The only inputs no body can carry are those with an unpaired UTF-16 surrogate (UTF-8 has no form for
 * it): sent as a {@code \}{@code uD800} escape they must be refused by the body reader, also without a change.
 *
 * <p>The empty value is the one row the API reads differently from the rule: the contract makes an empty field a
 * request to clear it, so it must answer 200 and leave no webhook stored.
 *
 * <p>One collection serves all cases in order, so each case starts from the item the previous one left.
 */
@ExtendWith(TestDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookUrlTableIT {
  private static final String UPDATED = "{\"status\":true,\"message\":\"updated\"}";
  private static final String JSON_UTF8 = "application/json; charset=utf-8";

  private final List<Case> cases = WebhookUrlCases.all();
  private final ApiFixture api;
  /** The stored item as the last case left it, or null when unknown (first case, or the last one failed). */
  private Map<String, AttributeValue> current;
  private int accepted;
  private int refused;
  private int refusedByBodyReader;
  private int cleared;
  private long firstCaseStartedNanos;

  WebhookUrlTableIT(TestDynamoDb db) {
    this.api = new ApiFixture(db);
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fknown&webhook_login=known&webhook_pass=known");
  }

  @AfterAll
  void report() {
    long millis = firstCaseStartedNanos == 0 ? 0 : (System.nanoTime() - firstCaseStartedNanos) / 1_000_000;
    System.out.println("[WebhookUrlTableIT] cases=" + cases.size() + " accepted=" + accepted + " refused=" + refused);
    System.out.println("[WebhookUrlTableIT] refused by the body reader (unpaired surrogate, no UTF-8 form)="
        + refusedByBodyReader + "; empty value, cleared as the contract says=" + cleared + "; all cases ran in "
        + millis + " ms");
    api.close();
  }

  @Test
  void table_hasAtLeast150CasesWithBothVerdictsIncluding2048And2049CharacterUrls() {
    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    assertThat(cases).anyMatch(Case::valid).anyMatch(c -> !c.valid());
    assertThat(cases).as("a 2048-character URL that is accepted")
        .anyMatch(c -> c.valid() && c.input().length() == 2048 && c.expected().equals(c.input()));
    assertThat(cases).as("a 2049-character URL that is refused for its length")
        .anyMatch(c -> !c.valid() && c.input().length() == 2049 && c.expected().contains("longer than 2048"));
  }

  List<Case> cases() {
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void post_storesTheCanonicalFormGetReturns_orRefusesWithTheReasonAndChangesNothing(Case c) {
    if (firstCaseStartedNanos == 0) {
      firstCaseStartedNanos = System.nanoTime();
    }
    Map<String, AttributeValue> before = current != null ? current : api.storedItem(KEY);
    current = null;
    api.calls.clear();

    Response response = api.post(EventBuilder.post().credentials(KEY, SECRET)
        .header("Content-Type", "application/json").base64Body(jsonBody(c.input())).build());

    assertThat(response.headers()).containsEntry("Content-Type", JSON_UTF8);
    if (c.input().isEmpty()) {
      current = clearedAndReadBack(response, before);
      cleared++;
    } else if (c.valid()) {
      current = acceptedAndReadBack(c, response, before);
      accepted++;
    } else {
      current = refusedAndNothingStored(c, response, before);
      refused++;
    }
  }

  private Map<String, AttributeValue> acceptedAndReadBack(Case c, Response response, Map<String, AttributeValue> before) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(UPDATED);

    Response read = api.get(EventBuilder.get().credentials(KEY, SECRET).build());
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    JsonNode data = read.json().get("data");
    assertThat(data.get("webhook").textValue()).isEqualTo(c.expected());
    assertThat(data.get("webhook_login").textValue()).isEqualTo("known");
    assertThat(data.get("webhook_pass").textValue()).isEqualTo("known");

    Map<String, AttributeValue> after = api.storedItem(KEY);
    assertThat(Long.parseLong(after.get(CollectionItem.VERSION).n()))
        .as("one successful write")
        .isEqualTo(Long.parseLong(before.get(CollectionItem.VERSION).n()) + 1);
    assertThat(after.get(CollectionItem.WEBHOOK).s()).isEqualTo(c.expected());
    return after;
  }

  private Map<String, AttributeValue> clearedAndReadBack(Response response, Map<String, AttributeValue> before) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(UPDATED);

    Response read = api.get(EventBuilder.get().credentials(KEY, SECRET).build());
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().get("data").get("webhook").isNull()).isTrue();

    Map<String, AttributeValue> after = api.storedItem(KEY);
    assertThat(Long.parseLong(after.get(CollectionItem.VERSION).n()))
        .isEqualTo(Long.parseLong(before.get(CollectionItem.VERSION).n()) + 1);
    assertThat(after).doesNotContainKey(CollectionItem.WEBHOOK);
    return after;
  }

  private Map<String, AttributeValue> refusedAndNothingStored(Case c, Response response, Map<String, AttributeValue> before) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    JsonNode body = response.json();
    assertThat(body.get("status").asBoolean(true)).isFalse();
    String detail = body.path("detail").asText("");
    if (c.hasUnpairedSurrogate()) {
      assertThat(body.get("message").asText()).isEqualTo("body invalid");
      assertThat(detail).contains("unpaired surrogate");
      refusedByBodyReader++;
    } else {
      assertThat(body.get("message").asText()).isEqualTo("webhook invalid");
      assertThat(detail).contains(c.expected());
      if (!c.input().isBlank()) {
        assertThat(detail).as("the detail never repeats the value").doesNotContain(c.input().strip());
      }
    }
    assertThat(api.calls).as("refused before the store").isEmpty();
    Map<String, AttributeValue> after = api.storedItem(KEY);
    assertThat(after).isEqualTo(before);
    return after;
  }

  /** {@code {"webhook":"..."}} carrying exactly {@code value}: see the class comment. */
  static String jsonBody(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16).append("{\"webhook\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1));
      boolean pairedLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (Character.isSurrogate(c) && !pairedHigh && !pairedLow)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append("\"}").toString();
  }
}
