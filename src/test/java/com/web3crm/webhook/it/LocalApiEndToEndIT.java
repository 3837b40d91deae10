package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.local.ApiGatewayEventMapper;
import com.web3crm.webhook.local.LocalApi;
import com.web3crm.webhook.local.OpenApiDocument;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.local.TemplateRoutes;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * End to end over HTTP: the local API (routes from template.yaml, requests turned into API Gateway events, the
 * Lambda runtime's serializers) in front of both handlers and the real store, driven by a real HTTP client.
 */
@ExtendWith(TestDynamoDb.class)
class LocalApiEndToEndIT {
  private static final String KEY = LocalTable.DEMO_API_KEY;
  private static final String SECRET = LocalTable.DEMO_API_SECRET;

  private final DynamoDbClient client;
  private final LocalApi api;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  LocalApiEndToEndIT(TestDynamoDb db) throws Exception {
    String table = db.createTable("e2e");
    this.client = db.client(table);
    SecretLedger.secret(SECRET);
    LocalTable.ensureDemoCollection(client, table);
    CollectionStore store = new CollectionStore(client, table);
    Map<String, Object> handlers = Map.of(
        RegisterWebhookHandler.class.getName(), new RegisterWebhookHandler(store, Clock.systemUTC()),
        GetWebhookHandler.class.getName(), new GetWebhookHandler(store));
    this.api = LocalApi.start(0, TemplateRoutes.load(TestDynamoDb.projectDir().resolve("template.yaml")),
        handlers::get, TestDynamoDb.REGION.id(), new PrintStream(log, true));
  }

  @AfterEach
  void close() {
    api.close();
    client.close();
    RunLogs.append("local-api", log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void formJsonAndMultipart_registerAndReadBackInCanonicalForm() throws Exception {
    HttpResponse<String> form = send(post("application/x-www-form-urlencoded",
        "webhook=HTTPS%3A%2F%2FHooks.Example.com%3A443%2Fform&webhook_login=ops&webhook_pass=p%C3%A4ss%3Aword"));
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).isEqualTo("{\"status\":true,\"message\":\"updated\"}");
    assertThat(form.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(read()).isEqualTo(ApiFixture.parse(
        "{\"webhook\":\"https://hooks.example.com/form\",\"webhook_pass\":\"päss:word\",\"webhook_login\":\"ops\"}"));

    HttpResponse<String> json = send(post("application/json; charset=UTF-8",
        "{\"webhook\":\"https://bücher.example/json\",\"webhook_pass\":null}"));
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(read()).isEqualTo(ApiFixture.parse(
        "{\"webhook\":\"https://xn--bcher-kva.example/json\",\"webhook_pass\":null,\"webhook_login\":\"ops\"}"));

    String boundary = "----e2eBoundary7MA4YWxkTrZu0gW";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"webhook_login\"\r\n\r\nmultipärt\r\n--"
        + boundary + "--\r\n";
    HttpResponse<String> mp = send(post("multipart/form-data; boundary=" + boundary, multipart));
    assertThat(mp.statusCode()).isEqualTo(200);
    assertThat(read().get("webhook_login").asText()).isEqualTo("multipärt");
  }

  @Test
  void errorsTravelAsJson400_andUnknownRoutesAre404_wrongMethods405() throws Exception {
    HttpResponse<String> missing = send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_get_webhook")).GET().build());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.parse(missing.body()).get("message").asText()).isEqualTo("api_key or api_secret missing");

    HttpResponse<String> invalid = send(post("application/x-www-form-urlencoded", "webhook=https%3A%2F%2F127.0.0.1%2F"));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.parse(invalid.body()).get("message").asText()).isEqualTo("webhook invalid");

    HttpResponse<String> notFound = send(HttpRequest.newBuilder(api.baseUri().resolve("/nope")).GET().build());
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(ApiFixture.parse(notFound.body()).has("message")).isTrue();

    HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_get_webhook"))
        .DELETE().build());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    assertThat(log.toString()).doesNotContain(SECRET);
  }

  @Test
  void credentialHeadersInAnyCase_andRepeatedHeadersAreSeenAsApiGatewaySendsThem() throws Exception {
    HttpResponse<String> upper = send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_get_webhook"))
        .header("API_KEY", KEY).header("Api_Secret", SECRET).GET().build());
    assertThat(upper.statusCode()).isEqualTo(200);
    assertThat(upper.headers().firstValue("Cache-Control")).hasValue("no-store");

    HttpResponse<String> repeated = send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_get_webhook"))
        .header("api_key", KEY).header("api_key", "ck_other").header("api_secret", SECRET).GET().build());
    assertThat(repeated.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.parse(repeated.body()).get("message").asText()).startsWith("ambiguous input: api_key header");
  }

  @Test
  void invalidUtf8Body_is400BodyInvalid() throws Exception {
    HttpResponse<String> before = send(post("application/x-www-form-urlencoded",
        "webhook=https%3A%2F%2Fhooks.example.com%2Fbefore&webhook_pass=before"));
    assertThat(before.statusCode()).isEqualTo(200);

    // raw 0xFF 0xFE: with BinaryMediaTypes */* the bytes reach the handler intact (base64), not as U+FFFD
    byte[] body = {'w', 'e', 'b', 'h', 'o', 'o', 'k', '_', 'p', 'a', 's', 's', '=', (byte) 0xff, (byte) 0xfe};
    HttpResponse<String> invalid = send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_register_webhook"))
        .header("api_key", KEY).header("api_secret", SECRET)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofByteArray(body)).build());

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(ApiFixture.parse(invalid.body()).get("message").asText()).isEqualTo("body invalid");
    assertThat(read()).isEqualTo(ApiFixture.parse(
        "{\"webhook\":\"https://hooks.example.com/before\",\"webhook_pass\":\"before\",\"webhook_login\":null}"));
  }

  /**
   * What a reader of /docs would try: every request example of the served openapi.yaml (fetched from the local API
   * itself) that needs no store outage, sent over real HTTP, gets its documented status and body byte for byte.
   * (OpenApiDocumentIT checks them all, outages included, as API Gateway events.)
   */
  @Test
  void everyExampleOfTheServedOpenapiYaml_getsItsDocumentedAnswerOverHttp() throws Exception {
    HttpResponse<String> yaml = send(HttpRequest.newBuilder(api.baseUri().resolve("/openapi.yaml")).GET().build());
    assertThat(yaml.statusCode()).isEqualTo(200);
    OpenApiDocument document = OpenApiDocument.parse(yaml.body());
    ObjectMapper json = new ObjectMapper();
    int sent = 0;
    for (OpenApiDocument.Operation operation : document.operations()) {
      for (OpenApiDocument.RequestExample example : operation.requestExamples()) {
        if (example.store() != OpenApiDocument.Store.WORKS) {
          continue;
        }
        HttpResponse<String> setUp = send(post("application/json", json.writeValueAsString(example.storedBefore())));
        assertThat(setUp.statusCode()).as(example.name() + ": x-stored-before").isEqualTo(200);

        String query = example.query() == null ? "" : "?" + example.query();
        HttpRequest.Builder request = HttpRequest.newBuilder(api.baseUri().resolve(operation.path() + query))
            .method(operation.method(), example.body().length == 0 && operation.method().equals("GET")
                ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(example.body()));
        for (ApiGatewayEventMapper.Header header : example.headers()) {
          request.header(header.name(), header.value());
          if (header.name().equalsIgnoreCase("api_secret")) {
            SecretLedger.secret(header.value());
          }
        }
        SecretLedger.body(new String(example.body(), StandardCharsets.UTF_8), false, example.contentType());
        HttpResponse<String> response = send(request.build());

        OpenApiDocument.ResponseExample expected = operation.responseExample(example.response());
        assertThat(response.statusCode()).as(example.name()).isEqualTo(expected.status());
        assertThat(response.body()).as(example.name()).isEqualTo(json.writeValueAsString(expected.value()));
        if (example.storedAfter() != null) {
          assertThat(read()).as(example.name() + ": x-stored-after").isEqualTo(json.valueToTree(example.storedAfter()));
        }
        sent++;
      }
    }
    assertThat(sent).isGreaterThan(40);
    assertThat(log.toString()).doesNotContain(SECRET);
  }

  private HttpRequest post(String contentType, String body) {
    SecretLedger.body(body, false, contentType);
    return HttpRequest.newBuilder(api.baseUri().resolve("/crm_register_webhook"))
        .header("api_key", KEY).header("api_secret", SECRET).header("Content-Type", contentType)
        .POST(BodyPublishers.ofString(body)).build();
  }

  private JsonNode read() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_get_webhook"))
        .header("api_key", KEY).header("api_secret", SECRET).GET().build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ApiFixture.parse(response.body()).get("data");
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, BodyHandlers.ofString());
  }

}
