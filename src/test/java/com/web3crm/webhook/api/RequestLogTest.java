package com.web3crm.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EmfDocument;
import com.web3crm.webhook.testing.EmfDocument.Datapoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request log line: exact JSON, a valid Embedded Metric Format document whatever the outcome, the metrics
 * CloudWatch extracts from it, and how it is handed to the Lambda logger.
 */
class RequestLogTest {
  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final long AT = 1_796_328_665_123L; // 2026-12-03T20:11:05.123Z
  private static final String GET = "GET /crm_get_webhook";
  private static final String POST = "POST /crm_register_webhook";

  @Test
  void a200WithItsDynamoDbCall_isThisExactLine() {
    String line = RequestLog.format("CrmWebhook", AT, "req-1", GET, 200, null, "collection-1", 1_234_567, 812_345);

    assertThat(line).isEqualTo("{\"timestamp\":\"2026-12-03T20:11:05.123Z\",\"level\":\"INFO\",\"request_id\":\"req-1\","
        + "\"route\":\"GET /crm_get_webhook\",\"status\":200,\"collection_id\":\"collection-1\",\"latency_ms\":1.235,"
        + "\"dynamodb_latency_ms\":0.812,\"Requests\":1,\"ClientErrors\":0,\"ServerErrors\":0,\"Latency\":1.235,"
        + "\"DynamoDbLatency\":0.812,\"_aws\":{\"Timestamp\":1796328665123,\"CloudWatchMetrics\":[{\"Namespace\":"
        + "\"CrmWebhook\",\"Dimensions\":[[\"route\"]],\"Metrics\":[{\"Name\":\"Requests\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},{\"Name\":\"ServerErrors\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"},{\"Name\":\"DynamoDbLatency\",\"Unit\":\"Milliseconds\"}]}]}}");
  }

  @Test
  void a400RefusedBeforeTheStore_isThisExactLine_withItsReasonAsASecondDimension() {
    String line = RequestLog.format("CrmWebhook/prod", AT, "req-2", POST, 400, "webhook invalid", null, 250_000, -1);

    assertThat(line).isEqualTo("{\"timestamp\":\"2026-12-03T20:11:05.123Z\",\"level\":\"INFO\",\"request_id\":\"req-2\","
        + "\"route\":\"POST /crm_register_webhook\",\"status\":400,\"reason\":\"webhook invalid\",\"latency_ms\":0.250,"
        + "\"Requests\":1,\"ClientErrors\":1,\"ServerErrors\":0,\"Latency\":0.250,\"_aws\":{\"Timestamp\":1796328665123,"
        + "\"CloudWatchMetrics\":[{\"Namespace\":\"CrmWebhook/prod\",\"Dimensions\":[[\"route\"]],\"Metrics\":["
        + "{\"Name\":\"Requests\",\"Unit\":\"Count\"},{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"ServerErrors\",\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]},"
        + "{\"Namespace\":\"CrmWebhook/prod\",\"Dimensions\":[[\"route\",\"reason\"]],\"Metrics\":["
        + "{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"}]}]}}");
  }

  /** Every outcome: a valid EMF document whose metrics say what happened, and nothing else. */
  @ParameterizedTest(name = "{0} {1} reason={2} called={3}")
  @CsvSource(nullValues = "-", textBlock = """
      GET  | 200 | -                                         | true
      POST | 200 | -                                         | true
      GET  | 400 | api_key or api_secret missing             | false
      GET  | 400 | api_key or api_secret invalid             | true
      POST | 400 | unknown field                             | false
      POST | 400 | api_key or api_secret invalid             | true
      GET  | 503 | GetItem got no answer: SdkClientException | true
      POST | 500 | UpdateItem failed: ValidationException (HTTP 400) | true
      POST | 500 | unexpected java.lang.NullPointerException | false
      """, delimiter = '|')
  void everyOutcome_isAValidEmfDocument_withOneDatapointPerMetricAndDimensionSet(
      String method, int status, String reason, boolean called) throws Exception {
    String route = method.equals("GET") ? GET : POST;
    JsonNode line = parse(RequestLog.format("CrmWebhook", AT, "r", route, status, reason, null, 3_000_000,
        called ? 2_000_000 : -1));

    assertThat(EmfDocument.violations(line)).isEmpty();
    List<Datapoint> points = EmfDocument.datapoints(line);
    Map<String, String> byRoute = Map.of("route", route);
    List<Datapoint> expected = new ArrayList<>(List.of(
        new Datapoint("CrmWebhook", "Requests", "Count", byRoute, 1),
        new Datapoint("CrmWebhook", "ClientErrors", "Count", byRoute, status / 100 == 4 ? 1 : 0),
        new Datapoint("CrmWebhook", "ServerErrors", "Count", byRoute, status / 100 == 5 ? 1 : 0),
        new Datapoint("CrmWebhook", "Latency", "Milliseconds", byRoute, 3.0)));
    if (called) {
      expected.add(new Datapoint("CrmWebhook", "DynamoDbLatency", "Milliseconds", byRoute, 2.0));
    }
    if (status / 100 == 4) {
      expected.add(new Datapoint("CrmWebhook", "ClientErrors", "Count", Map.of("route", route, "reason", reason), 1));
    }
    assertThat(points).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(line.path("level").asText()).isEqualTo(status >= 500 ? "ERROR" : "INFO");
    assertThat(line.has("dynamodb_latency_ms")).isEqualTo(called);
    assertThat(line.path("_aws").path("Timestamp").longValue()).isEqualTo(AT);
    assertThat(Instant.parse(line.path("timestamp").asText()).toEpochMilli()).isEqualTo(AT);
  }

  @Test
  void textThatNeedsEscaping_staysOneValidJsonLine() throws Exception {
    String odd = "id \"quoted\" \\ back\nslash \u0001 \u2028 \u00e4";
    String line = RequestLog.format("Crm \"Webhook\"", AT, odd, GET, 400, odd, odd, 1, -1);

    assertThat(line).doesNotContain("\n").doesNotContain("\u2028");
    JsonNode json = parse(line);
    assertThat(json.path("request_id").asText()).isEqualTo(odd);
    assertThat(json.path("collection_id").asText()).isEqualTo(odd);
    assertThat(EmfDocument.violations(json)).isEmpty();
  }

  @ParameterizedTest(name = "{0} ns -> {1}")
  @CsvSource({
      "0, 0.000", "499, 0.000", "500, 0.001", "999, 0.001", "1000, 0.001", "12345, 0.012", "1234567, 1.235",
      "999999499, 999.999", "999999500, 1000.000", "12000000000, 12000.000", "-5, 0.000"})
  void durations_areMillisecondsWithThreeDecimals_roundedToTheMicrosecond(long nanos, String text) {
    StringBuilder b = new StringBuilder();
    RequestLog.appendMillis(b, nanos);
    assertThat(b).hasToString(text);
  }

  @Test
  void timestamps_matchTheJdksIsoFormat_onEdgesAndRandomInstants() {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    List<Long> instants = new ArrayList<>(List.of(0L, 1L, 86_399_999L, 951_782_400_000L /* 2000-02-29 */,
        4_107_542_400_000L /* 2100-03-01 */, 1_709_164_800_000L /* 2024-02-29 */, 253_402_300_799_999L, AT));
    SplittableRandom random = new SplittableRandom(20261203);
    for (int i = 0; i < 100_000; i++) {
      instants.add(random.nextLong(253_402_300_800_000L));
    }
    for (long at : instants) {
      StringBuilder b = new StringBuilder();
      RequestLog.appendInstant(b, at);
      assertThat(b.toString()).as("epoch millis %d", at).isEqualTo(iso.format(Instant.ofEpochMilli(at)));
    }
  }

  @Test
  void theNamespace_isTheConfiguredOne_orCrmWebhook() {
    assertThat(MetricsNamespace.of(null).name()).isEqualTo("CrmWebhook");
    assertThat(MetricsNamespace.of("  ").name()).isEqualTo("CrmWebhook");
    assertThat(MetricsNamespace.of(" CrmWebhook/crm-webhook-staging ").name())
        .isEqualTo("CrmWebhook/crm-webhook-staging");
    assertThat(MetricsNamespace.of("a\"b").json()).isEqualTo("\"a\\\"b\"");
    assertThat(MetricsNamespace.DEFAULT.name()).isEqualTo("CrmWebhook");
  }

  @Test
  void write_handsTheLineToTheLambdaLoggerAsOneByteArray_withItsLevel() throws Exception {
    List<String> lines = new ArrayList<>();
    List<LogLevel> levels = new ArrayList<>();
    LambdaLogger logger = new LambdaLogger() {
      @Override
      public void log(String message) {
        throw new AssertionError("a String would be wrapped by the runtime's JSON log format");
      }

      @Override
      public void log(byte[] message) {
        throw new AssertionError("the level must come with the line");
      }

      @Override
      public void log(byte[] message, LogLevel level) {
        lines.add(new String(message, StandardCharsets.UTF_8));
        levels.add(level);
      }
    };
    CapturingContext context = new CapturingContext(logger);

    RequestLog ok = new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime());
    ok.dynamoDbCall(1_500_000);
    ok.authenticated("collection-1");
    ok.write(context, GET, "req-ok", 200, null);
    new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime()).write(context, POST, "req-503", 503, "UpdateItem got no answer: X");

    assertThat(levels).containsExactly(LogLevel.INFO, LogLevel.ERROR);
    assertThat(lines).allSatisfy(line -> assertThat(line).endsWith("}\n").containsOnlyOnce("\n"));
    JsonNode first = parse(lines.get(0).strip());
    assertThat(first.path("request_id").asText()).isEqualTo("req-ok");
    assertThat(first.path("collection_id").asText()).isEqualTo("collection-1");
    assertThat(first.path("dynamodb_latency_ms").doubleValue()).isEqualTo(1.5);
    assertThat(first.path("latency_ms").doubleValue()).isGreaterThanOrEqualTo(0);
    JsonNode second = parse(lines.get(1).strip());
    assertThat(second.has("collection_id")).isFalse();
    assertThat(second.has("dynamodb_latency_ms")).isFalse();
    assertThat(second.path("ServerErrors").intValue()).isEqualTo(1);
  }

  @Test
  void reasonOf_keepsOnlyTheFixedPartOfAMessage() {
    assertThat(RequestLog.reasonOf(new ClientError(ErrorMessages.unknownField("s3cr3t")))).isEqualTo("unknown field");
    assertThat(RequestLog.reasonOf(new ClientError(ErrorMessages.ambiguous("x")))).isEqualTo("ambiguous input");
    assertThat(RequestLog.reasonOf(new ClientError(ErrorMessages.WEBHOOK_INVALID, "detail: x")))
        .isEqualTo("webhook invalid");
    assertThat(RequestLog.reasonOf(new ClientError(ErrorMessages.BODY_TOO_LARGE))).isEqualTo("body too large");
  }

  private static JsonNode parse(String json) throws Exception {
    return STRICT_JSON.readTree(json);
  }
}
