package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_SECRET;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.store.StoreConfig;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EmfDocument;
import com.web3crm.webhook.testing.EmfDocument.Datapoint;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The request log line of real requests through both handlers against a real DynamoDB-compatible server: one line
 * per request, with the request's fields (collection id only once the credentials are proven, DynamoDB latency
 * exactly when the store was called), a valid Embedded Metric Format document whose metrics say what happened,
 * and never a secret, a password, a hash, the api_key or the body.
 */
@ExtendWith(TestDynamoDb.class)
class RequestLogIT {
  private static final String GET = GetWebhookHandler.ROUTE;
  private static final String POST = RegisterWebhookHandler.ROUTE;
  private static final String PASSWORD = "pw-log-it-Vq93-secret";
  private static final String WRONG_SECRET = "s_wrong_secret_9f1e";

  private final ApiFixture api;

  RequestLogIT(TestDynamoDb db) {
    this.api = new ApiFixture(db);
    SecretLedger.password(PASSWORD);
    SecretLedger.secret(WRONG_SECRET);
  }

  @AfterEach
  void close() {
    api.close();
  }

  /** name, request, status, reason, collection id (null: none), whether DynamoDB is called. */
  static Stream<Arguments> requests() {
    String setPassword = "webhook=https%3A%2F%2Fhooks.example.com%2Fin&webhook_pass=" + PASSWORD;
    return Stream.of(
        row("GET, own credentials", get().credentials(KEY, SECRET), 200, null, "collection-1", true),
        row("POST, own credentials", post().credentials(KEY, SECRET).form(setPassword), 200, null, "collection-1",
            true),
        row("GET, no credentials", get(), 400, "api_key or api_secret missing", null, false),
        row("GET, wrong secret", get().credentials(KEY, WRONG_SECRET), 400, "api_key or api_secret invalid", null,
            true),
        row("GET, revoked key", get().credentials(REVOKED_KEY, REVOKED_SECRET), 400, "api_key or api_secret invalid",
            null, true),
        row("POST, wrong secret", post().credentials(KEY, WRONG_SECRET).form(setPassword), 400,
            "api_key or api_secret invalid", null, true),
        row("POST, unknown key", post().credentials("k_unknown_77", SECRET).form(setPassword), 400,
            "api_key or api_secret invalid", null, true),
        row("POST, key that cannot exist", post().credentials("no spaces allowed", SECRET).form(setPassword), 400,
            "api_key or api_secret invalid", null, false),
        row("POST, invalid webhook", post().credentials(KEY, SECRET).form("webhook=http%3A%2F%2F10.0.0.1%2F"), 400,
            "webhook invalid", null, false),
        row("POST, unknown field named like a password", post().credentials(KEY, SECRET).form(PASSWORD + "=1"), 400,
            "unknown field", null, false),
        row("POST, password that breaks the rules", post().credentials(KEY, SECRET)
            .form("webhook_pass=" + PASSWORD + "%01"), 400, "webhook_pass invalid", null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void eachRequest_writesOneLine_withItsFieldsAndMetrics_andNoSecret(
      String name, EventBuilder request, int status, String reason, String collectionId, boolean called) {
    CapturingContext context = new CapturingContext();
    APIGatewayProxyRequestEvent event = request.build();
    api.calls.clear();

    Response response = request.method().equals("GET")
        ? Response.of(api.get.handleRequest(event, context))
        : Response.of(api.register.handleRequest(event, context));

    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(api.calls).hasSize(called ? 1 : 0);
    assertThat(context.logLines).hasSize(1);
    String line = context.logLines.get(0);
    JsonNode log = ApiFixture.parse(line);
    String route = request.method().equals("GET") ? GET : POST;
    assertLine(log, route, status, reason, collectionId, called);
    assertNoSecret(line, event);
  }

  @Test
  void storeUnreachable_bothRoutes_logA5xxAtErrorLevel_withTheFailedCallsDuration() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StoreConfig config =
        new StoreConfig(api.table, TestDynamoDb.REGION, Optional.of(URI.create("http://127.0.0.1:" + closedPort)));
    try (DynamoDbClient client = DynamoDbClients.create(config, TestDynamoDb.credentials())) {
      CollectionStore store = new CollectionStore(client, api.table);
      List<Function<CapturingContext, Response>> calls = List.of(
          c -> Response.of(new GetWebhookHandler(store).handleRequest(get().credentials(KEY, SECRET).build(), c)),
          c -> Response.of(new RegisterWebhookHandler(store, Clock.systemUTC())
              .handleRequest(post().credentials(KEY, SECRET).form("webhook_login=x").build(), c)));
      List<String> routes = List.of(GET, POST);
      for (int i = 0; i < calls.size(); i++) {
        CapturingContext context = new CapturingContext();
        Response response = calls.get(i).apply(context);

        assertThat(response.status()).isEqualTo(503);
        assertThat(context.logLines).hasSize(1);
        JsonNode log = ApiFixture.parse(context.logLines.get(0));
        String operation = i == 0 ? "GetItem" : "UpdateItem";
        assertThat(log.path("reason").asText()).startsWith(operation + " got no answer: ");
        assertLine(log, routes.get(i), 503, log.path("reason").asText(), null, true);
        assertThat(log.path("request_id").asText()).as("the 503 body and the line name the same request")
            .isEqualTo(response.json().path("request_id").asText());
        assertNoSecret(context.logLines.get(0), null);
      }
    }
  }

  /** The line's fields, and the datapoints CloudWatch would extract from it. */
  private static void assertLine(
      JsonNode log, String route, int status, String reason, String collectionId, boolean called) {
    assertThat(log.path("level").asText()).isEqualTo(status >= 500 ? "ERROR" : "INFO");
    assertThat(log.path("request_id").asText()).startsWith("test-");
    assertThat(log.path("route").asText()).isEqualTo(route);
    assertThat(log.path("status").intValue()).isEqualTo(status);
    assertThat(log.has("reason")).isEqualTo(reason != null);
    if (reason != null) {
      assertThat(log.path("reason").asText()).isEqualTo(reason);
    }
    assertThat(log.has("collection_id")).isEqualTo(collectionId != null);
    if (collectionId != null) {
      assertThat(log.path("collection_id").asText()).isEqualTo(collectionId);
    }
    double latency = log.path("latency_ms").doubleValue();
    assertThat(latency).isPositive();
    assertThat(log.has("dynamodb_latency_ms")).isEqualTo(called);
    if (called) {
      assertThat(log.path("dynamodb_latency_ms").doubleValue()).isPositive().isLessThanOrEqualTo(latency);
    }

    assertThat(EmfDocument.violations(log)).isEmpty();
    Map<String, String> byRoute = Map.of("route", route);
    List<Datapoint> expected = new ArrayList<>(List.of(
        new Datapoint("CrmWebhook", "Requests", "Count", byRoute, 1),
        new Datapoint("CrmWebhook", "ClientErrors", "Count", byRoute, status / 100 == 4 ? 1 : 0),
        new Datapoint("CrmWebhook", "ServerErrors", "Count", byRoute, status / 100 == 5 ? 1 : 0),
        new Datapoint("CrmWebhook", "Latency", "Milliseconds", byRoute, latency)));
    if (called) {
      expected.add(new Datapoint("CrmWebhook", "DynamoDbLatency", "Milliseconds", byRoute,
          log.path("dynamodb_latency_ms").doubleValue()));
    }
    if (status / 100 == 4) {
      expected.add(new Datapoint("CrmWebhook", "ClientErrors", "Count", Map.of("route", route, "reason", reason), 1));
    }
    assertThat(EmfDocument.datapoints(log)).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Neither a secret (nor its hash), a password, the api_key nor the body of {@code event} is in the line. */
  private static void assertNoSecret(String line, APIGatewayProxyRequestEvent event) {
    List<String> needles = new ArrayList<>(List.of(SECRET, WRONG_SECRET, REVOKED_SECRET, PASSWORD, KEY, REVOKED_KEY,
        "k_unknown_77"));
    for (String secret : List.of(SECRET, WRONG_SECRET, REVOKED_SECRET)) {
      needles.add(SecretHash.of(secret));
      needles.add(SecretHash.of(secret).toUpperCase(Locale.ROOT));
    }
    if (event != null && event.getBody() != null) {
      needles.add(event.getBody());
    }
    for (String needle : needles) {
      assertThat(line).as("the log line must not hold %s", needle).doesNotContain(needle);
    }
  }

  private static EventBuilder get() {
    return EventBuilder.get();
  }

  private static EventBuilder post() {
    return EventBuilder.post();
  }

  private static Arguments row(
      String name, EventBuilder request, int status, String reason, String collectionId, boolean called) {
    return Arguments.of(name, request, status, reason, collectionId, called);
  }
}
