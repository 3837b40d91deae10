package com.web3crm.webhook.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.testing.HandlerInvariants.Observation;
import com.web3crm.webhook.testing.HostileEvents.Expected;
import com.web3crm.webhook.testing.HostileEvents.Generated;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checker HandlerPropertiesIT relies on catches each kind of broken answer: a property test whose checker
 * cannot fail proves nothing. Each case starts from an observation that holds every property and breaks one.
 */
class HandlerInvariantsTest {
  private static final String SECRET_PASS = "pw-Zq81-xxYY-secret";
  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", "application/json; charset=utf-8", "Cache-Control", "no-store");
  private static final String EMF_ROUTE_METRICS = "{\"Namespace\":\"CrmWebhook\",\"Dimensions\":[[\"route\"]],"
      + "\"Metrics\":[{\"Name\":\"Requests\",\"Unit\":\"Count\"},{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},"
      + "{\"Name\":\"ServerErrors\",\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}";
  private static final String LOG_200 =
      "{\"timestamp\":\"2026-12-03T20:11:05.123Z\",\"level\":\"INFO\","
          + "\"request_id\":\"test-0b6f7c9e-3d1a-4f43-9a51-2c3e4d5f6a7b\",\"route\":\"POST /crm_register_webhook\","
          + "\"status\":200,\"collection_id\":\"collection-1\",\"latency_ms\":1.250,\"dynamodb_latency_ms\":0.800,"
          + "\"Requests\":1,\"ClientErrors\":0,\"ServerErrors\":0,\"Latency\":1.250,\"DynamoDbLatency\":0.800,"
          + "\"_aws\":{\"Timestamp\":1796328665123,\"CloudWatchMetrics\":[" + EMF_ROUTE_METRICS
          + ",{\"Name\":\"DynamoDbLatency\",\"Unit\":\"Milliseconds\"}]}]}}";
  private static final String LOG_400 =
      "{\"timestamp\":\"2026-12-03T20:11:05.123Z\",\"level\":\"INFO\","
          + "\"request_id\":\"test-0b6f7c9e-3d1a-4f43-9a51-2c3e4d5f6a7b\",\"route\":\"POST /crm_register_webhook\","
          + "\"status\":400,\"reason\":\"webhook invalid\",\"latency_ms\":1.250,"
          + "\"Requests\":1,\"ClientErrors\":1,\"ServerErrors\":0,\"Latency\":1.250,"
          + "\"_aws\":{\"Timestamp\":1796328665123,\"CloudWatchMetrics\":[" + EMF_ROUTE_METRICS + "]},"
          + "{\"Namespace\":\"CrmWebhook\",\"Dimensions\":[[\"route\",\"reason\"]],"
          + "\"Metrics\":[{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"}]}]}}";

  private static final Map<String, AttributeValue> BEFORE = Map.of(
      "api_key", s("k_demo_123"), "collection_id", s("collection-1"), "secret_hash", s("hash"),
      "status", s("active"), "created_at", s("2026-01-01T00:00:00Z"), "updated_at", s("2026-01-01T00:00:00Z"),
      "version", AttributeValue.fromN("3"), "webhook_login", s("old"));
  private static final Map<String, AttributeValue> AFTER_SET_PASS = with(with(with(BEFORE,
      "webhook_pass", s(SECRET_PASS)), "version", AttributeValue.fromN("4")), "updated_at", s("2026-01-02T00:00:00Z"));

  private static Generated post(Expected expected) {
    return new Generated(1L, true, new APIGatewayProxyRequestEvent(), expected, List.of("s_demo_456", SECRET_PASS),
        List.of(SECRET_PASS), List.of(), Set.of(), "test event");
  }

  private static Generated get() {
    return new Generated(2L, false, new APIGatewayProxyRequestEvent(), new Expected(200, null, true, Map.of()),
        List.of("s_demo_456"), List.of(), List.of(), Set.of(), "test event");
  }

  private static final Expected SET_PASS = new Expected(200, null, true, Map.of("webhook_pass", Optional.of(SECRET_PASS)));

  private static APIGatewayProxyResponseEvent answer(int status, String body) {
    return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(HEADERS).withIsBase64Encoded(false)
        .withBody(body);
  }

  private static final APIGatewayProxyResponseEvent UPDATED = answer(200, "{\"status\":true,\"message\":\"updated\"}");
  private static final APIGatewayProxyResponseEvent WEBHOOK_INVALID =
      answer(400, "{\"status\":false,\"message\":\"webhook invalid\",\"detail\":\"host is missing\"}");

  private static Observation goodPost() {
    return new Observation(post(SET_PASS), UPDATED, null, List.of(LOG_200), 1, BEFORE, AFTER_SET_PASS, null);
  }

  private static Observation good400() {
    return new Observation(post(Expected.error("webhook invalid", false)), WEBHOOK_INVALID, null, List.of(LOG_400), 0,
        BEFORE, BEFORE, null);
  }

  private static List<String> check(Observation o) {
    return HandlerInvariants.violations(o);
  }

  @Test
  void observationsThatHoldEveryProperty_haveNoViolations() {
    assertThat(check(goodPost())).isEmpty();
    assertThat(check(good400())).isEmpty();
    String data = "{\"status\":true,\"data\":{\"webhook\":null,\"webhook_pass\":null,\"webhook_login\":\"old\"}}";
    assertThat(check(new Observation(get(), answer(200, data), null, List.of(LOG_200.replace("POST /crm_register_webhook",
        "GET /crm_get_webhook")), 1, BEFORE, BEFORE, null))).isEmpty();
  }

  @Test
  void aThrowOrAnyStatusBut200And400_isAViolation() {
    Observation o = goodPost();
    assertThat(check(new Observation(o.generated(), null, new IllegalStateException("boom"), List.of(), 1, BEFORE,
        BEFORE, null))).anyMatch(v -> v.contains("threw"));
    String internal = "{\"status\":false,\"message\":\"internal error\",\"request_id\":\"x\"}";
    assertThat(check(new Observation(o.generated(), answer(503, internal), null, List.of(LOG_200), 1, BEFORE, BEFORE,
        null))).anyMatch(v -> v.startsWith("status 503"));
  }

  @Test
  void wrongHeadersOrBodyShape_areViolations() {
    Observation o = good400();
    var noCacheControl = answer(400, WEBHOOK_INVALID.getBody()).withHeaders(Map.of("Content-Type", "application/json"));
    assertThat(check(with(o, noCacheControl))).anyMatch(v -> v.startsWith("Content-Type"))
        .anyMatch(v -> v.startsWith("Cache-Control"));
    assertThat(check(with(o, answer(400, "{\"status\":false,\"message\":\"webhook invalid\"} x"))))
        .anyMatch(v -> v.contains("not strict JSON"));
    assertThat(check(with(o, answer(400, "{\"status\":false,\"message\":\"webhook invalid\",\"message\":\"x\"}"))))
        .as("duplicate keys").anyMatch(v -> v.contains("not strict JSON"));
    assertThat(check(with(o, answer(400, "{\"status\":false,\"message\":\"webhook invalid\",\"stack\":\"at\"}"))))
        .anyMatch(v -> v.contains("keys beyond"));
    assertThat(check(with(o, answer(400, "{\"status\":\"false\",\"message\":\"webhook invalid\"}"))))
        .anyMatch(v -> v.contains("status is not false"));
    assertThat(check(with(o, answer(400, "{\"status\":false,\"message\":\"webhook is bad\"}"))))
        .anyMatch(v -> v.contains("does not document"));
    assertThat(check(with(goodPost(), answer(200, "{\"status\":true,\"message\":\"ok\"}"))))
        .anyMatch(v -> v.contains("not exactly"));
    String missingKey = "{\"status\":true,\"data\":{\"webhook\":null,\"webhook_pass\":null}}";
    assertThat(check(new Observation(get(), answer(200, missingKey), null, List.of(LOG_200), 1, BEFORE, BEFORE, null)))
        .anyMatch(v -> v.contains("does not have exactly webhook"));
  }

  @Test
  void anAnswerOtherThanTheExpectedOne_isAViolation() {
    Observation o = good400();
    var otherMessage = answer(400, "{\"status\":false,\"message\":\"webhook_login invalid\"}");
    assertThat(check(with(o, otherMessage))).anyMatch(v -> v.contains("expected 400 'webhook invalid'"));
    assertThat(check(new Observation(o.generated(), o.response(), null, o.logLines(), 1, BEFORE, BEFORE, null)))
        .anyMatch(v -> v.contains("expected no DynamoDB call"));
  }

  @Test
  void a400ThatChangedTheItem_isAViolation() {
    Observation o = good400();
    assertThat(check(new Observation(o.generated(), o.response(), null, o.logLines(), 0, BEFORE, AFTER_SET_PASS, null)))
        .anyMatch(v -> v.contains("the stored item changed"));
  }

  @Test
  void a200PostThatWroteSomethingElse_isAViolation() {
    Observation o = goodPost();
    var twice = with(AFTER_SET_PASS, "version", AttributeValue.fromN("5"));
    assertThat(check(withAfter(o, twice))).anyMatch(v -> v.contains("adds exactly 1"));
    assertThat(check(withAfter(o, with(AFTER_SET_PASS, "webhook_pass", s("other")))))
        .anyMatch(v -> v.startsWith("webhook_pass stored as"));
    assertThat(check(withAfter(o, with(AFTER_SET_PASS, "webhook_login", s("changed")))))
        .anyMatch(v -> v.contains("absent from the request but changed"));
    assertThat(check(withAfter(o, with(AFTER_SET_PASS, "status", s("revoked"))))).anyMatch(v -> v.contains("changed status"));
    assertThat(check(new Observation(o.generated(), o.response(), null, o.logLines(), 0, BEFORE, AFTER_SET_PASS, null)))
        .anyMatch(v -> v.contains("DynamoDB calls for a 200"));
  }

  @Test
  void aGetThatReturnsOtherThanStored_isAViolation() {
    String data = "{\"status\":true,\"data\":{\"webhook\":null,\"webhook_pass\":null,\"webhook_login\":\"old \"}}";
    assertThat(check(new Observation(get(), answer(200, data), null, List.of(LOG_200), 1, BEFORE, BEFORE, null)))
        .anyMatch(v -> v.startsWith("GET returned webhook_login"));
  }

  @Test
  void logLinesThatAreNotOneFixedLineWithoutSecrets_areViolations() {
    Observation o = good400();
    assertThat(check(withLog(o, List.of()))).anyMatch(v -> v.contains("exactly one log line"));
    assertThat(check(withLog(o, List.of(LOG_400, LOG_400)))).anyMatch(v -> v.contains("exactly one log line"));
    assertThat(check(withLog(o, List.of(LOG_400.replace("webhook invalid", "webhook invalid " + SECRET_PASS)))))
        .anyMatch(v -> v.contains("holds a secret"))
        .anyMatch(v -> v.contains("not the fixed part"));
    assertThat(check(withLog(o, List.of(LOG_400.replace("\"latency_ms\"", "\"api_secret\":\"s_demo_456\",\"latency_ms\"")))))
        .anyMatch(v -> v.contains("holds a secret"))
        .anyMatch(v -> v.startsWith("log line keys"));
    assertThat(check(withLog(o, List.of(LOG_400.replace("\"status\":400", "\"status\":200")))))
        .anyMatch(v -> v.startsWith("log status"));
  }

  @Test
  void logFieldsThatDisagreeWithWhatTheRequestDid_areViolations() {
    Observation refused = good400(); // no DynamoDB call, credentials never proven
    Observation updated = goodPost(); // one call, the collection's credentials
    assertThat(check(withLog(refused, List.of(LOG_400.replace("\"latency_ms\":1.250",
        "\"latency_ms\":1.250,\"dynamodb_latency_ms\":0.100")))))
        .anyMatch(v -> v.contains("dynamodb_latency_ms is present after 0"));
    assertThat(check(withLog(updated, List.of(LOG_200.replace(",\"dynamodb_latency_ms\":0.800", "")))))
        .anyMatch(v -> v.contains("dynamodb_latency_ms is absent after 1"));
    assertThat(check(withLog(updated, List.of(LOG_200.replace("collection-1", "collection-2")))))
        .anyMatch(v -> v.contains("collection_id"));
    assertThat(check(withLog(refused, List.of(LOG_400.replace("\"reason\":", "\"collection_id\":\"collection-1\",\"reason\":")))))
        .anyMatch(v -> v.contains("names a collection"));
    assertThat(check(withLog(refused, List.of(LOG_400.replace("\"timestamp\":\"2026-12-03T20:11:05.123Z\"",
        "\"timestamp\":\"yesterday\"")))))
        .anyMatch(v -> v.contains("timestamp"));
  }

  @Test
  void metricsThatAreNotValidEmfOrDisagreeWithTheRequest_areViolations() {
    Observation refused = good400();
    Observation updated = goodPost();
    assertThat(check(withLog(refused, List.of(LOG_400.replace("\"_aws\"", "\"aws\"")))))
        .anyMatch(v -> v.contains("no top-level _aws"));
    assertThat(check(withLog(refused, List.of(LOG_400.replace("\"ClientErrors\":1", "\"ClientErrors\":0")))))
        .anyMatch(v -> v.startsWith("EMF metrics by route {"));
    assertThat(check(withLog(refused, List.of(LOG_400.replace(",{\"Namespace\":\"CrmWebhook\",\"Dimensions\":[[\"route\","
        + "\"reason\"]],\"Metrics\":[{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"}]}", "")))))
        .anyMatch(v -> v.startsWith("EMF metrics by route and reason"));
    assertThat(check(withLog(updated, List.of(LOG_200.replace("\"Latency\":1.250", "\"Latency\":9.000")))))
        .anyMatch(v -> v.startsWith("EMF metrics by route {"));
    assertThat(check(withLog(updated, List.of(LOG_200.replace("\"Unit\":\"Count\"", "\"Unit\":\"Requests\"")))))
        .anyMatch(v -> v.contains("not one of CloudWatch's"));
    assertThat(check(withLog(updated, List.of(LOG_200.replace("[[\"route\"]]", "[[\"Route\"]]")))))
        .anyMatch(v -> v.contains("names no top-level string member"));
    assertThat(check(withLog(updated, List.of(LOG_200.replace("\"Namespace\":\"CrmWebhook\"",
        "\"Namespace\":\"Other\"")))))
        .anyMatch(v -> v.startsWith("EMF namespace"));
  }

  @Test
  void aBodyThatTheFixedLogTextContainsOnlyAcrossJsonPunctuation_isNoLeak() {
    // found by the 1,000,000-event run (seed 0x8d069d1a56d7598e, event 0xcc39fd4724f63af2): the body
    // webhook" occurs in the raw line as the end of "POST /crm_register_webhook" plus its closing quote
    Generated g = new Generated(4L, true, new APIGatewayProxyRequestEvent(), null, List.of("webhook\""),
        List.of(), List.of(), Set.of(), "test event");

    assertThat(check(new Observation(g, WEBHOOK_INVALID, null, List.of(LOG_400), 0, BEFORE, BEFORE, null))).isEmpty();
    assertThat(check(new Observation(g, WEBHOOK_INVALID, null,
        List.of(LOG_400.replace("webhook invalid", "webhook invalid webhook\\\"")), 0, BEFORE, BEFORE, null)))
        .as("the same body inside a value, JSON-escaped, is one").anyMatch(v -> v.contains("holds a secret"));
  }

  @Test
  void a400RepeatingARandomPassword_isAViolation_unlessAsThePlainFieldNameTheContractShows() {
    var echo = answer(400, "{\"status\":false,\"message\":\"webhook invalid\",\"detail\":\"bad " + SECRET_PASS + "\"}");
    assertThat(check(with(good400(), echo))).anyMatch(v -> v.contains("repeats a secret"));

    String name = "x_" + SECRET_PASS.replace("-", "_");
    Generated g = new Generated(3L, true, new APIGatewayProxyRequestEvent(), null, List.of(),
        List.of(SECRET_PASS.replace("-", "_")), List.of(), Set.of(), "test event");
    String message = "unknown field: " + name + "; allowed: webhook, webhook_login, webhook_pass";
    var shown = answer(400, "{\"status\":false,\"message\":\"" + message + "\"}");
    String log = LOG_400.replace("webhook invalid", "unknown field");
    assertThat(check(new Observation(g, shown, null, List.of(log), 0, BEFORE, BEFORE, null))).isEmpty();
    var inDetail = answer(400, "{\"status\":false,\"message\":\"" + message + "\",\"detail\":\"" + name + "\"}");
    assertThat(check(new Observation(g, inDetail, null, List.of(log), 0, BEFORE, BEFORE, null)))
        .as("shown in the message, but repeated in the detail").anyMatch(v -> v.contains("repeats a secret"));
    var wrongType = answer(400, "{\"status\":false,\"message\":\"body invalid\",\"detail\":\"field " + name
        + " must be a string or null\"}");
    assertThat(check(new Observation(g, wrongType, null, List.of(LOG_400.replace("webhook invalid", "body invalid")),
        0, BEFORE, BEFORE, null))).as("the wrong-type detail shows a plain name").isEmpty();
  }

  // ------------------------------------------------------------------------------------------ helpers

  private static Observation with(Observation o, APIGatewayProxyResponseEvent response) {
    return new Observation(o.generated(), response, null, o.logLines(), o.storeCalls(), o.before(), o.after(),
        o.decodedChange());
  }

  private static Observation withAfter(Observation o, Map<String, AttributeValue> after) {
    return new Observation(o.generated(), o.response(), null, o.logLines(), o.storeCalls(), o.before(), after,
        o.decodedChange());
  }

  private static Observation withLog(Observation o, List<String> lines) {
    return new Observation(o.generated(), o.response(), null, lines, o.storeCalls(), o.before(), o.after(),
        o.decodedChange());
  }

  private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String name, AttributeValue value) {
    Map<String, AttributeValue> copy = new HashMap<>(item);
    copy.put(name, value);
    return Map.copyOf(copy);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
