package com.web3crm.webhook.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.rules.FieldChange;
import com.web3crm.webhook.rules.WebhookChange;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The requests the routes send. The UpdateItem of the register route (C16): every attribute name in every expression is an alias, because
 * {@code status} and other names are DynamoDB reserved words (dynalite is more lenient than DynamoDB, so the
 * integration tests alone would not catch a bare name).
 */
class CollectionStoreRequestTest {
  private static final Pattern BARE_NAME = Pattern.compile("(?<![#:\\w])([A-Za-z_]\\w*)");
  private static final Set<String> KEYWORDS = Set.of("SET", "REMOVE", "ADD", "AND");

  static Stream<WebhookChange> changes() {
    return Stream.of(
        new WebhookChange(FieldChange.set("https://hooks.example.com/"), FieldChange.KEEP, FieldChange.KEEP),
        new WebhookChange(FieldChange.CLEAR, FieldChange.CLEAR, FieldChange.CLEAR),
        new WebhookChange(FieldChange.set("https://h.example.com/"), FieldChange.set("l"), FieldChange.CLEAR),
        new WebhookChange(FieldChange.KEEP, FieldChange.KEEP, FieldChange.set("p")));
  }

  @ParameterizedTest
  @MethodSource("changes")
  void updateRequest_aliasesEveryAttributeName_andChecksCredentialsInTheCondition(WebhookChange change) {
    CollectionStore store = new CollectionStore(null, "table");
    UpdateItemRequest request =
        store.updateRequest(new Credentials("k_demo_123", "s_demo_456"), change, Instant.parse("2026-12-03T10:00:00Z"));

    for (String expression : new String[] {request.updateExpression(), request.conditionExpression()}) {
      Matcher m = BARE_NAME.matcher(expression);
      while (m.find()) {
        assertThat(KEYWORDS).as("bare name %s in %s", m.group(1), expression).contains(m.group(1));
      }
    }
    assertThat(request.conditionExpression()).isEqualTo("#status = :active AND #secret_hash = :secret_hash");
    assertThat(request.expressionAttributeNames()).containsEntry("#status", "status").containsEntry("#version", "version");
    assertThat(request.expressionAttributeValues().get(":secret_hash").s()).isEqualTo(SecretHash.of("s_demo_456"));
    assertThat(request.updateExpression()).contains("ADD #version :one").contains("#updated_at = :updated_at");
    assertThat(request.toString()).doesNotContain("s_demo_456");
  }

  @Test
  void readRequest_isStronglyConsistent_andReadsOnlyWhatTheCheckAndTheAnswerNeed() {
    var request = new CollectionStore(null, "table").readRequest(new Credentials("k_demo_123", "s_demo_456"));

    assertThat(request.consistentRead()).as("C17: read-after-write").isTrue();
    assertThat(request.key()).containsOnlyKeys("api_key");
    assertThat(request.projectionExpression().split(", "))
        .allSatisfy(name -> assertThat(name).startsWith("#"));
    assertThat(request.expressionAttributeNames().values())
        .containsExactlyInAnyOrder("collection_id", "status", "secret_hash", "webhook", "webhook_login", "webhook_pass");
  }
}
