package com.web3crm.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.web3crm.webhook.store.WebhookSettings;
import com.web3crm.webhook.testing.RuntimeSerializers;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The functions read the API Gateway event and write their response themselves ({@link ProxyEventJson}); the
 * specification is the Lambda runtime's own serializer, which they replace: the same event objects from the same
 * bytes, and response bytes the runtime's serializer reads back as the response given.
 */
class ProxyEventJsonTest {
  private static final PojoSerializer<APIGatewayProxyRequestEvent> RUNTIME_EVENTS = RuntimeSerializers.EVENTS;
  private static final PojoSerializer<APIGatewayProxyResponseEvent> RUNTIME_RESPONSES = RuntimeSerializers.RESPONSES;

  static Stream<Path> eventFiles() throws IOException {
    return Files.list(TestDynamoDb.projectDir().resolve("events")).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFiles")
  void everyEventFile_readsAsTheRuntimesSerializerReadsIt(Path file) throws IOException {
    byte[] json = Files.readAllBytes(file);
    assertSameEvent(ProxyEventJson.read(json), RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json)));
  }

  @Test
  void generatedEvents_readAsTheRuntimesSerializerReadsThem() throws IOException {
    Random random = new Random(20261204L);
    for (int i = 0; i < 3_000; i++) {
      APIGatewayProxyRequestEvent event = randomEvent(random);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      RUNTIME_EVENTS.toJson(event, json);
      byte[] bytes = json.toByteArray();
      assertSameEvent(ProxyEventJson.read(bytes), RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(bytes)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"body\":\"\\ud800\"}", "{\"body\":\"\\udc00x\\ud83d\\ude00\"}", "{\"body\":\"a\\/b\\\\c\\\"d\\b\\f\\n\\r\\t\"}",
    "{\"headers\":{\"a\":null,\"b\":\"\\u0000\\u2028\"}}", "{\"multiValueHeaders\":{\"a\":[null,\"x\"],\"b\":null,\"c\":[]}}",
    "  {\"isBase64Encoded\":true , \"body\" : \"eA==\"}\n", "{\"headers\":{\"a\":\"1\",\"a\":\"2\"}}",
    "{\"body\":\"first\",\"body\":\"second\"}", "{}", "{\"headers\":null,\"body\":null,\"isBase64Encoded\":null}",
    "null", " null\n", "null x", "\ufeff{\"body\":\"x\"}", "{\"body\":\"x\"} trailing SECRET",
    "{\"headers\":{\"X-Forwarded-Port\":443,\"t\":true,\"n\":-1.5}}", "{\"path\":5,\"body\":5}",
    "{\"isBase64Encoded\":\"false\"}", "{\"isBase64Encoded\":\"TRUE\"}", "{\"isBase64Encoded\":0}",
    "{\"isBase64Encoded\":1}", "{\"isBase64Encoded\":2}", "{\"multiValueHeaders\":{\"a\":\"single\",\"b\":7}}",
    "{\"requestContext\":{\"a\":01,\"b\":NaN,\"c\":1e400,\"d\":123456789012345678901234567890}}",
    "{\"requestContext\":{\"n\":-1.5e+3,\"t\":true,\"f\":false,\"z\":null,\"a\":[{},[],\"s\",0]},\"path\":\"/p\"}",
  })
  void edgeCases_readAsTheRuntimesSerializerReadsThem(String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertSameEvent(ProxyEventJson.read(bytes), RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(bytes)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "   ", "[]", "nul", "nullx", "{", "{\"body\":\"SECRET-VALUE", "{\"body\":{\"SECRET\":1}}",
    "{\"headers\":[\"SECRET\"]}", "{\"body\":\"\\x\"}", "{\"body\":\"\\u12\"}", "{\"body\":\"\\u\uff10\uff10\uff14\uff11\"}",
    "{\"body\":\"\\u\u0660\u0660\u0664\u0661\"}", "{\"a\":}", "{\"isBase64Encoded\":\"yes\"}", "{\"a\":1,}", "{'a':1}",
  })
  void anythingElse_isAMalformedEvent_whoseMessageRepeatsNoEventText(String json) {
    assertThatThrownBy(() -> ProxyEventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProxyEventJson.MalformedEvent.class)
        .hasMessageStartingWith("not an API Gateway proxy event: ")
        .hasMessageNotContaining("SECRET");
  }

  @Test
  void deepNesting_isRefusedWithoutExhaustingTheStack() {
    String json = "{\"requestContext\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> ProxyEventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProxyEventJson.MalformedEvent.class).hasMessageContaining("nested deeper than 1000");
  }

  @Test
  void nestingUpToTheRuntimesLimit_readsAsTheRuntimesSerializerReadsIt() throws IOException {
    for (int depth : new int[] {1, 31, 32, 33, 500, 998}) {
      String json = "{\"requestContext\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"body\":\"b\"}";
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertSameEvent(ProxyEventJson.read(bytes), RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(bytes)));
    }
  }

  static Stream<APIGatewayProxyResponseEvent> responses() {
    APIGatewayProxyResponseEvent multi = new APIGatewayProxyResponseEvent().withStatusCode(200)
        .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=\"2\""), "X-Empty", List.of()))
        .withBody("{\"k\":\"\\u00e9 \u00e9 \ud83d\ude00 \u2028 \\\" \\\\\"}");
    return Stream.of(
        ApiResponses.updated(),
        ApiResponses.webhook(new WebhookSettings("c", "https://h.example/in?a=1&b=\"", "l\u00f6gin", "p:\\\"\u0001")),
        ApiResponses.webhook(new WebhookSettings("c", null, null, null)),
        ApiResponses.clientError(new ClientError(ErrorMessages.BODY_INVALID, "control character at offset 3")),
        ApiResponses.internalError(true, "req-1"),
        ApiResponses.internalError(false, "unknown"),
        multi,
        new APIGatewayProxyResponseEvent().withStatusCode(204),
        new APIGatewayProxyResponseEvent().withStatusCode(400).withBody("lone \ud800 and \udc00, a pair \ud83d\ude00"),
        new APIGatewayProxyResponseEvent());
  }

  @ParameterizedTest
  @MethodSource("responses")
  void everyResponse_isReadBackByTheRuntimesSerializerAsItWas(APIGatewayProxyResponseEvent response)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProxyEventJson.write(response, out);
    APIGatewayProxyResponseEvent back = RUNTIME_RESPONSES.fromJson(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.getStatusCode()).isEqualTo(response.getStatusCode());
    assertThat(back.getHeaders()).isEqualTo(response.getHeaders());
    assertThat(back.getMultiValueHeaders()).isEqualTo(response.getMultiValueHeaders());
    assertThat(back.getBody()).isEqualTo(response.getBody());
    assertThat(back.getIsBase64Encoded()).isEqualTo(response.getIsBase64Encoded());
  }

  // ------------------------------------------------------------------------------------------ helpers

  private static void assertSameEvent(APIGatewayProxyRequestEvent ours, APIGatewayProxyRequestEvent runtime) {
    if (runtime == null) {
      assertThat(ours).isNull();
      return;
    }
    assertThat(ours.getResource()).isEqualTo(runtime.getResource());
    assertThat(ours.getPath()).isEqualTo(runtime.getPath());
    assertThat(ours.getHttpMethod()).isEqualTo(runtime.getHttpMethod());
    assertThat(ours.getHeaders()).isEqualTo(runtime.getHeaders());
    assertThat(ours.getMultiValueHeaders()).isEqualTo(runtime.getMultiValueHeaders());
    assertThat(ours.getQueryStringParameters()).isEqualTo(runtime.getQueryStringParameters());
    assertThat(ours.getMultiValueQueryStringParameters()).isEqualTo(runtime.getMultiValueQueryStringParameters());
    assertThat(ours.getPathParameters()).isEqualTo(runtime.getPathParameters());
    assertThat(ours.getStageVariables()).isEqualTo(runtime.getStageVariables());
    assertThat(ours.getBody()).isEqualTo(runtime.getBody());
    assertThat(ours.getIsBase64Encoded()).isEqualTo(runtime.getIsBase64Encoded());
  }

  private static final List<String> PIECES = List.of(
      "api_key", "API_SECRET", "Content-Type", "application/json; charset=utf-8", "\"", "\\", "/", "\n", "\r\n", "\t",
      "\u0000", "\u001f", "\u007f", "\u00e9", "\u2028", "\u2029", "\ud83d\ude00", "\ufeff", "{", "}", "[", "]", ":",
      ",", "null", "true", " ", "=", "&", "%20", "+", "\u0130", "\u017f", "x".repeat(300));

  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return b.toString();
  }

  private static String maybeNull(Random random) {
    return random.nextInt(8) == 0 ? null : randomText(random);
  }

  private static Map<String, String> randomMap(Random random) {
    if (random.nextInt(5) == 0) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      map.put(randomText(random), maybeNull(random));
    }
    return map;
  }

  private static Map<String, List<String>> randomListMap(Random random) {
    if (random.nextInt(5) == 0) {
      return null;
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<String> values = new ArrayList<>();
      int m = random.nextInt(3);
      for (int j = 0; j < m; j++) {
        values.add(maybeNull(random));
      }
      map.put(randomText(random), random.nextInt(10) == 0 ? null : values);
    }
    return map;
  }

  private static APIGatewayProxyRequestEvent randomEvent(Random random) {
    return new APIGatewayProxyRequestEvent()
        .withResource(maybeNull(random))
        .withPath(maybeNull(random))
        .withHttpMethod(random.nextBoolean() ? "POST" : maybeNull(random))
        .withHeaders(randomMap(random))
        .withMultiValueHeaders(randomListMap(random))
        .withQueryStringParameters(randomMap(random))
        .withMultiValueQueryStringParameters(randomListMap(random))
        .withPathParameters(randomMap(random))
        .withStageVariables(randomMap(random))
        .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId(maybeNull(random)).withStage(maybeNull(random)))
        .withBody(maybeNull(random))
        .withIsBase64Encoded(random.nextInt(3) == 0 ? null : random.nextBoolean());
  }
}
