package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.local.ApiGatewayEventMapper;
import com.web3crm.webhook.local.ApiGatewayEventMapper.Header;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpRequest;
import com.web3crm.webhook.local.LambdaRuntime;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.local.OpenApiDocument;
import com.web3crm.webhook.local.OpenApiDocument.Operation;
import com.web3crm.webhook.local.OpenApiDocument.RequestExample;
import com.web3crm.webhook.local.OpenApiDocument.ResponseExample;
import com.web3crm.webhook.local.OpenApiDocument.Store;
import com.web3crm.webhook.local.TemplateRoutes;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * openapi.yaml against the functions: every request example in it, turned into the API Gateway REST (v1 proxy)
 * event the deployed API would send (template.yaml's route and BinaryMediaTypes, so bodies with a Content-Type
 * arrive base64-encoded), runs through the Lambda runtime's serializers and the function template.yaml names,
 * against the real store, and gets exactly the response example it names (status, documented headers, body byte for
 * byte; a {@code request_id} must match its schema's pattern and be the invocation's Lambda request id). A POST
 * answered 200 must leave what its {@code x-stored-after} says; every other answer must leave the stored item
 * exactly as it was. The example convention is written at the top of openapi.yaml; the checks that need no store
 * (routes ⇔ template, every message of the code documented, examples ⇔ schemas) are in OpenApiDocumentTest.
 */
@ExtendWith(TestDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final OpenApiDocument document;
  private final TemplateRoutes template;
  private final String table;
  private final DynamoDbClient client;
  private final DynamoDbClient unreachableClient;
  private final Map<Store, LambdaRuntime> runtimes = new EnumMap<>(Store.class);
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private int examplesRun;

  OpenApiDocumentIT(TestDynamoDb db) throws IOException {
    assertThat(portIsClosed(1)).as("nothing listens on 127.0.0.1:1 (the unreachable store)").isTrue();
    this.document = OpenApiDocument.loadProject(TestDynamoDb.projectDir());
    this.template = TemplateRoutes.loadProject(TestDynamoDb.projectDir());
    this.table = db.createTable("openapi");
    this.client = db.client(table);
    LocalTable.ensureDemoCollection(client, table);
    SecretLedger.secret(LocalTable.DEMO_API_SECRET);
    this.unreachableClient = DynamoDbClients.create(
        new StoreConfig(table, TestDynamoDb.REGION, Optional.of(closedPort())), TestDynamoDb.credentials());
    PrintStream log = new PrintStream(logs, true, StandardCharsets.UTF_8);
    runtimes.put(Store.WORKS, runtime(new CollectionStore(client, table), log));
    runtimes.put(Store.UNREACHABLE, runtime(new CollectionStore(unreachableClient, table), log));
    runtimes.put(Store.TABLE_MISSING,
        runtime(new CollectionStore(client, "openapi-no-such-table-" + UUID.randomUUID()), log));
  }

  private static LambdaRuntime runtime(CollectionStore store, PrintStream log) {
    Map<String, Object> handlers = Map.of(
        RegisterWebhookHandler.class.getName(), new RegisterWebhookHandler(store, Clock.systemUTC()),
        GetWebhookHandler.class.getName(), new GetWebhookHandler(store));
    return new LambdaRuntime(handlers::get, TestDynamoDb.REGION.id(), log);
  }

  /**
   * An endpoint where nothing listens: port 1 on loopback (tcpmux, never served here, and outside the ephemeral
   * range, so no test's server can take it meanwhile, unlike a port freed after binding port 0).
   */
  private static URI closedPort() {
    return URI.create("http://127.0.0.1:1");
  }

  private static boolean portIsClosed(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @AfterAll
  void close() {
    runtimes.values().forEach(LambdaRuntime::close);
    client.close();
    unreachableClient.close();
    RunLogs.append("lambda-runtime", logs.toString(StandardCharsets.UTF_8));
    System.out.println("[OpenApiDocumentIT] request examples run through the handlers: " + examplesRun);
  }

  Stream<Arguments> requestExamples() throws IOException {
    OpenApiDocument doc = OpenApiDocument.loadProject(TestDynamoDb.projectDir());
    List<Arguments> all = new ArrayList<>();
    for (Operation operation : doc.operations()) {
      for (RequestExample example : operation.requestExamples()) {
        all.add(Arguments.of(operation.method() + " " + example.name() + " → " + example.response(), operation,
            example));
      }
    }
    assertThat(all).as("request examples in openapi.yaml").hasSizeGreaterThan(20);
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestExamples")
  void requestExample_getsItsDocumentedResponse_andStoresWhatItSays(
      String label, Operation operation, RequestExample example) throws Exception {
    try {
      check(operation, example);
    } catch (AssertionError e) { // the report names parameterized runs by index only: say which example it was
      throw new AssertionError("openapi.yaml example " + label + ": " + e.getMessage(), e);
    }
  }

  private void check(Operation operation, RequestExample example) throws Exception {
    ResponseExample expected = operation.responseExample(example.response());
    setStored(example.storedBefore());
    Map<String, AttributeValue> itemBefore = storedItem();

    String requestId = UUID.randomUUID().toString();
    JsonNode response = invoke(runtimes.get(example.store()), operation.method(), operation.path(),
        example.query(), example.headers(), example.body(), requestId);
    examplesRun++;

    assertThat(response.get("statusCode").asInt()).as("status").isEqualTo(expected.status());
    String contentKey = expected.response().node().get("content") instanceof Map<?, ?> content
        ? content.keySet().iterator().next().toString() : null;
    assertThat(response.at("/headers/Content-Type").asText())
        .as("Content-Type: the response's media type, in UTF-8").isEqualTo(contentKey + "; charset=utf-8");
    documentedHeaders(expected).forEach((name, value) ->
        assertThat(response.at("/headers/" + name).asText(null)).as("response header " + name).isEqualTo(value));
    assertThat(response.path("isBase64Encoded").asBoolean(false)).isFalse();

    String body = response.get("body").asText();
    ObjectNode expectedBody = JSON.valueToTree(expected.value());
    for (String field : expected.varying()) {
      assertThat(field).as("the only field documented as varying is the Lambda request id").isEqualTo("request_id");
      assertThat(expectedBody.path(field).asText()).as("the documented example value of " + field)
          .matches(schemaPattern(expected, field));
      String actual = ApiFixture.parse(body).path(field).asText();
      assertThat(actual).matches(schemaPattern(expected, field)).isEqualTo(requestId);
      expectedBody.put(field, actual);
    }
    assertThat(ApiFixture.parse(body)).as("body as JSON").isEqualTo(expectedBody);
    assertThat(body).as("body, byte for byte").isEqualTo(JSON.writeValueAsString(expectedBody));

    if (example.storedAfter() != null) {
      assertThat(readStored()).as("GET data after the request (x-stored-after)").isEqualTo(example.storedAfter());
    }
    if (expected.status() != 200 || operation.method().equals("GET")) {
      assertThat(storedItem()).as("a " + expected.status() + " " + operation.method() + " changes nothing stored")
          .isEqualTo(itemBefore);
    }
  }

  /** Sends the event API Gateway would send for this request to the function template.yaml routes it to. */
  private JsonNode invoke(LambdaRuntime runtime, String method, String path, String query, List<Header> headers,
      byte[] body, String requestId) {
    TemplateRoutes.Match match = template.find(method, path)
        .orElseThrow(() -> new AssertionError("template.yaml has no route " + method + " " + path));
    TemplateRoutes.FunctionDef function = template.function(match.route().functionLogicalId()).orElseThrow();
    byte[] event = ApiGatewayEventMapper.toEventJson(
        new HttpRequest(method, path, query, headers, body, "127.0.0.1", "HTTP/1.1"), match.route().path(),
        match.pathParameters(), template.binaryMediaTypes(match.route()), "api-" + requestId, Instant.now());
    headers.stream().filter(h -> h.name().equalsIgnoreCase("api_secret")).forEach(h -> SecretLedger.secret(h.value()));
    SecretLedger.event(event);
    LambdaRuntime.Invocation invocation = runtime.invoke(function, event, requestId);
    assertThat(invocation.failed()).as("the function failed: %s", invocation.payloadText()).isFalse();
    JsonNode response = ApiFixture.parse(invocation.payloadText());
    String responseBody = response.path("body").asText("");
    if (responseBody.contains("\"webhook_pass\":\"")) {
      SecretLedger.password(ApiFixture.parse(responseBody).at("/data/webhook_pass").asText(null));
    }
    return response;
  }

  private static final List<Header> DEMO_CREDENTIALS = List.of(
      new Header("api_key", LocalTable.DEMO_API_KEY), new Header("api_secret", LocalTable.DEMO_API_SECRET));

  /** Stores exactly {@code settings} for the demo collection (through the register function) and checks it. */
  private void setStored(Map<String, String> settings) throws IOException {
    List<Header> headers = new ArrayList<>(DEMO_CREDENTIALS);
    headers.add(new Header("Content-Type", "application/json"));
    JsonNode response = invoke(runtimes.get(Store.WORKS), "POST", "/crm_register_webhook", null, headers,
        JSON.writeValueAsBytes(settings), UUID.randomUUID().toString());
    assertThat(response.get("statusCode").asInt()).as("setting up x-stored-before: %s", response).isEqualTo(200);
    assertThat(readStored()).as("x-stored-before must be in canonical form (as GET returns it)").isEqualTo(settings);
  }

  /** GET /crm_get_webhook's data for the demo collection, as field → value or null. */
  private Map<String, String> readStored() {
    JsonNode response = invoke(runtimes.get(Store.WORKS), "GET", "/crm_get_webhook", null, DEMO_CREDENTIALS,
        new byte[0], UUID.randomUUID().toString());
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    JsonNode data = ApiFixture.parse(response.get("body").asText()).get("data");
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    data.properties().forEach(e -> settings.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return settings;
  }

  private Map<String, AttributeValue> storedItem() {
    var item = client.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of(CollectionItem.API_KEY, AttributeValue.fromS(LocalTable.DEMO_API_KEY))));
    assertThat(item.hasItem()).isTrue();
    return Map.copyOf(item.item());
  }

  /** Documented response headers (name → their schema's const). */
  private Map<String, String> documentedHeaders(ResponseExample expected) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (expected.response().node().get("headers") instanceof Map<?, ?> declared) {
      declared.forEach((name, node) -> {
        Map<?, ?> header = (Map<?, ?>) document.resolve(node);
        Map<?, ?> schema = (Map<?, ?>) document.resolve(header.get("schema"));
        assertThat(schema.get("const")).as("response header " + name + " documents its value as const").isNotNull();
        headers.put(name.toString(), schema.get("const").toString());
      });
    }
    return headers;
  }

  /** The pattern of {@code field} in the schema of the example's response. */
  private String schemaPattern(ResponseExample expected, String field) {
    Map<?, ?> content = (Map<?, ?>) expected.response().node().get("content");
    Map<?, ?> media = (Map<?, ?>) document.resolve(content.values().iterator().next());
    Map<?, ?> schema = (Map<?, ?>) document.resolve(media.get("schema"));
    Map<?, ?> property = (Map<?, ?>) document.resolve(((Map<?, ?>) schema.get("properties")).get(field));
    Object pattern = property.get("pattern");
    assertThat(pattern).as("a varying field needs a pattern in its schema").isNotNull();
    assertThat(pattern.toString()).as("request_id is a Lambda request id (a UUID)")
        .isEqualTo("^" + UUID_PATTERN + "$");
    return pattern.toString();
  }
}
