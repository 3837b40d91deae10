package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.local.LambdaRuntime;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.local.TemplateRoutes;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every file in {@code events/} (the events for {@code bin/invoke} and {@code sam local invoke}) runs through the
 * function the template names, entered as the Lambda runtime enters it (event bytes to response bytes), against the
 * real store, and gives the
 * response written here. A file added without a row here fails {@link #everyEventFileHasAnExpectation}.
 */
@ExtendWith(TestDynamoDb.class)
class EventFilesIT {
  private static final String UPDATED = "{\"status\":true,\"message\":\"updated\"}";
  private static final String PREVIOUS =
      "{\"webhook\":\"https://hooks.example.com/previous\",\"webhook_pass\":\"previous-pass\",\"webhook_login\":\"previous\"}";

  /** file → function, expected status, expected body, expected stored data afterwards (GET's "data"). */
  static Stream<Arguments> expectations() {
    return Stream.of(
        Arguments.of("register-form.json", "RegisterWebhookFunction", 200, UPDATED,
            "{\"webhook\":\"https://hooks.example.com/crm/events\",\"webhook_pass\":\"s3crét+pass\",\"webhook_login\":\"crm-bot\"}"),
        Arguments.of("register-json.json", "RegisterWebhookFunction", 200, UPDATED,
            "{\"webhook\":\"https://hooks.example.com/crm/json?source=api\",\"webhook_pass\":\"p:ss wörd\",\"webhook_login\":\"json-bot\"}"),
        Arguments.of("register-base64-form.json", "RegisterWebhookFunction", 200, UPDATED,
            "{\"webhook\":\"https://hooks.example.com/in\",\"webhook_pass\":\"p+ss\",\"webhook_login\":\"ops\"}"),
        Arguments.of("register-multipart.json", "RegisterWebhookFunction", 200, UPDATED,
            "{\"webhook\":\"https://hooks.example.com/multipart\",\"webhook_pass\":\"previous-pass\",\"webhook_login\":\"form-bot\"}"),
        Arguments.of("register-clear-credentials.json", "RegisterWebhookFunction", 200, UPDATED,
            "{\"webhook\":\"https://hooks.example.com/previous\",\"webhook_pass\":null,\"webhook_login\":null}"),
        Arguments.of("register-invalid-webhook.json", "RegisterWebhookFunction", 400,
            "{\"status\":false,\"message\":\"webhook invalid\",\"detail\":\"host is a link-local address (169.254.0.0/16)\"}",
            PREVIOUS),
        Arguments.of("register-missing-credentials.json", "RegisterWebhookFunction", 400, null, PREVIOUS),
        Arguments.of("register-wrong-secret.json", "RegisterWebhookFunction", 400,
            "{\"status\":false,\"message\":\"api_key or api_secret invalid\"}", PREVIOUS),
        Arguments.of("get-webhook.json", "GetWebhookFunction", 200, "{\"status\":true,\"data\":" + PREVIOUS + "}", PREVIOUS),
        Arguments.of("get-missing-credentials.json", "GetWebhookFunction", 400, null, PREVIOUS));
  }

  private final TestDynamoDb db;
  private final String table;
  private final DynamoDbClient client;
  private final TemplateRoutes template;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final LambdaRuntime runtime;

  EventFilesIT(TestDynamoDb db) throws IOException {
    this.db = db;
    this.table = db.createTable("events");
    this.client = db.client(table);
    this.template = TemplateRoutes.load(TestDynamoDb.projectDir().resolve("template.yaml"));
    LocalTable.ensureDemoCollection(client, table);
    CollectionStore store = new CollectionStore(client, table);
    Map<String, Object> handlers = Map.of(
        RegisterWebhookHandler.class.getName(), new RegisterWebhookHandler(store, Clock.systemUTC()),
        GetWebhookHandler.class.getName(), new GetWebhookHandler(store));
    this.runtime = new LambdaRuntime(handlers::get, TestDynamoDb.REGION.id(), new PrintStream(logs, true));
  }

  @AfterEach
  void close() {
    runtime.close();
    client.close();
    RunLogs.append("lambda-runtime", logs.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("expectations")
  void eventFile_givesTheDocumentedResponse(String file, String function, int status, String body, String dataAfter)
      throws IOException {
    invoke("RegisterWebhookFunction", ("{\"headers\":{\"api_key\":\"" + LocalTable.DEMO_API_KEY + "\",\"api_secret\":\""
        + LocalTable.DEMO_API_SECRET + "\",\"Content-Type\":\"application/json\"},\"body\":\"" + PREVIOUS.replace("\"", "\\\"")
        + "\",\"httpMethod\":\"POST\",\"path\":\"/crm_register_webhook\"}").getBytes());

    JsonNode response = invoke(function, Files.readAllBytes(TestDynamoDb.projectDir().resolve("events").resolve(file)));

    assertThat(response.get("statusCode").asInt()).isEqualTo(status);
    assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("application/json; charset=utf-8");
    if (body != null) {
      assertThat(response.get("body").asText()).isEqualTo(body);
    } else {
      assertThat(ApiFixture.parse(response.get("body").asText()).get("message").asText()).isEqualTo("api_key or api_secret missing");
    }
    JsonNode stored = invoke("GetWebhookFunction", Files.readAllBytes(TestDynamoDb.projectDir().resolve("events/get-webhook.json")));
    assertThat(ApiFixture.parse(stored.get("body").asText()).get("data")).isEqualTo(ApiFixture.parse(dataAfter));
  }

  @Test
  void everyEventFileHasAnExpectation() throws IOException {
    List<String> covered = expectations().map(a -> (String) a.get()[0]).sorted().toList();
    try (Stream<Path> files = Files.list(TestDynamoDb.projectDir().resolve("events"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(covered);
    }
  }

  private JsonNode invoke(String function, byte[] event) {
    SecretLedger.event(event);
    LambdaRuntime.Invocation invocation = runtime.invoke(template.function(function).orElseThrow(), event);
    assertThat(invocation.failed()).as(invocation.payloadText() + "\n" + logs).isFalse();
    return ApiFixture.parse(invocation.payloadText());
  }
}
