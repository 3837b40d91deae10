package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.local.ApiGatewayEventMapper.Header;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpRequest;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpResponse;
import com.web3crm.webhook.local.ApiGatewayEventMapper.MalformedResponseException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiGatewayEventMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-12-03T17:00:00.123Z");

  private static HttpRequest request(String method, String path, String query, List<Header> headers, byte[] body) {
    return new HttpRequest(method, path, query, headers, body, "127.0.0.1", "HTTP/1.1");
  }

  private static JsonNode event(HttpRequest request) {
    return ApiGatewayEventMapper.toEvent(request, "/crm_get_webhook", Map.of(), "req-1", TIME);
  }

  @Test
  void headers_lastValueInHeaders_allValuesInMultiValueHeaders_casingKept() {
    JsonNode event = event(request("GET", "/crm_get_webhook", null, List.of(
        new Header("api_key", "ck_1"),
        new Header("X-Forwarded-For", "1.1.1.1"),
        new Header("api_key", "ck_2"),
        new Header("API_SECRET", "cs")), new byte[0]));

    assertThat(event.get("headers").toString())
        .isEqualTo("{\"X-Forwarded-For\":\"1.1.1.1\",\"api_key\":\"ck_2\",\"API_SECRET\":\"cs\"}");
    assertThat(event.get("multiValueHeaders").toString())
        .isEqualTo("{\"api_key\":[\"ck_1\",\"ck_2\"],\"X-Forwarded-For\":[\"1.1.1.1\"],\"API_SECRET\":[\"cs\"]}");
  }

  @Test
  void noHeadersNoQueryNoBody_areNulls() {
    JsonNode event = event(request("GET", "/crm_get_webhook", null, List.of(), new byte[0]));

    assertThat(event.get("headers").isNull()).isTrue();
    assertThat(event.get("multiValueHeaders").isNull()).isTrue();
    assertThat(event.get("queryStringParameters").isNull()).isTrue();
    assertThat(event.get("multiValueQueryStringParameters").isNull()).isTrue();
    assertThat(event.get("pathParameters").isNull()).isTrue();
    assertThat(event.get("stageVariables").isNull()).isTrue();
    assertThat(event.get("body").isNull()).isTrue();
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    // a bare "?" is no query either
    assertThat(event(request("GET", "/x", "", List.of(), null)).get("queryStringParameters").isNull()).isTrue();
  }

  @Test
  void query_isDecodedLikeApiGateway_lastAndAllValues() {
    JsonNode event = event(request("GET", "/crm_get_webhook", "a=1&a=2&b=x+y%2Bz&flag&%C3%A9=%E2%82%AC&&bad=%zz",
        List.of(), null));

    assertThat(event.get("queryStringParameters").toString())
        .isEqualTo("{\"a\":\"2\",\"b\":\"x y+z\",\"flag\":\"\",\"é\":\"€\",\"bad\":\"%zz\"}");
    assertThat(event.get("multiValueQueryStringParameters").toString())
        .isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":[\"x y+z\"],\"flag\":[\"\"],\"é\":[\"€\"],\"bad\":[\"%zz\"]}");
  }

  private static final List<String> ALL_BINARY = List.of("*/*");

  private static JsonNode event(HttpRequest request, List<String> binaryMediaTypes) {
    return ApiGatewayEventMapper.toEvent(request, "/p", Map.of(), binaryMediaTypes, "req-1", TIME);
  }

  private static HttpRequest post(String contentType, byte[] body) {
    return request("POST", "/p", null,
        contentType == null ? List.of() : List.of(new Header("Content-Type", contentType)), body);
  }

  @Test
  void body_withoutBinaryMediaTypes_isText_invalidUtf8BecomesU_FFFD_likeApiGateway() {
    JsonNode text = event(post("application/x-www-form-urlencoded",
        "webhook=https://bücher.example/€".getBytes(StandardCharsets.UTF_8)));
    assertThat(text.get("body").asText()).isEqualTo("webhook=https://bücher.example/€");
    assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();

    // the review's case: raw 0xFF bytes in a password, one U+FFFD each; nothing tells the function
    JsonNode mangled = event(post("application/x-www-form-urlencoded",
        new byte[] {'w', 'e', 'b', 'h', 'o', 'o', 'k', '_', 'p', 'a', 's', 's', '=', 'p', (byte) 0xff, (byte) 0xff,
            's', 's'}));
    assertThat(mangled.get("body").asText()).isEqualTo("webhook_pass=p\uFFFD\uFFFDss");
    assertThat(mangled.get("isBase64Encoded").asBoolean()).isFalse();

    // a truncated sequence is one U+FFFD, the byte after it is kept (Java's decoder, maximal subparts)
    JsonNode truncated = event(post(null, new byte[] {'a', (byte) 0xc3, '(', (byte) 0xe2, (byte) 0x82}));
    assertThat(truncated.get("body").asText()).isEqualTo("a\uFFFD(\uFFFD");
    assertThat(truncated.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void body_withStarSlashStar_everyBodyWithAContentTypeIsBase64_exactBytes() {
    byte[] utf8 = "webhook=https://bücher.example/€".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "webhook_login=m\u00fcller".getBytes(StandardCharsets.ISO_8859_1);
    for (String contentType : List.of("application/x-www-form-urlencoded", "application/json; charset=UTF-8",
        "multipart/form-data; boundary=x", "text/plain", "TEXT/PLAIN", "nonsense")) {
      for (byte[] body : List.of(utf8, latin1)) {
        JsonNode event = event(post(contentType, body), ALL_BINARY);
        assertThat(event.get("isBase64Encoded").asBoolean()).as(contentType).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).as(contentType).isEqualTo(body);
      }
    }
  }

  @Test
  void body_withoutContentType_isText_evenWithStarSlashStar() {
    // assumption (documented on the class): a request without Content-Type matches no binary media type
    JsonNode event = event(post(null, new byte[] {'a', (byte) 0xff}), ALL_BINARY);
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(event.get("body").asText()).isEqualTo("a\uFFFD");

    JsonNode blank = event(post("  ", new byte[] {'a'}), ALL_BINARY);
    assertThat(blank.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void body_emptyIsNull_whateverTheBinaryMediaTypes() {
    JsonNode event = event(post("application/octet-stream", new byte[0]), ALL_BINARY);
    assertThat(event.get("body").isNull()).isTrue();
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
  }

  @Test
  void body_onlyMatchingContentTypesAreBase64() {
    List<String> types = List.of("image/*", "application/octet-stream");
    byte[] bytes = {1, 2, (byte) 0xff};
    assertThat(event(post("image/png", bytes), types).get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(event(post("Application/Octet-Stream; x=1", bytes), types).get("isBase64Encoded").asBoolean())
        .isTrue();
    JsonNode json = event(post("application/json", bytes), types);
    assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(json.get("body").asText()).isEqualTo("\u0001\u0002\uFFFD");
  }

  @Test
  void body_theLastContentTypeHeaderCounts() {
    HttpRequest request = request("POST", "/p", null, List.of(
        new Header("Content-Type", "image/png"), new Header("content-type", "application/json")), new byte[] {'x'});
    assertThat(event(request, List.of("image/png")).get("isBase64Encoded").asBoolean()).isFalse();
  }

  @ParameterizedTest(name = "{0} vs {1} → {2}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "application/json                  | application/json       | true",
      "Application/JSON; charset=utf-8   | application/json       | true",
      "application/json                  | APPLICATION/JSON       | true",
      "application/json                  | application/xml        | false",
      "application/jsonx                 | application/json       | false",
      "image/png                         | image/*                | true",
      "image/svg+xml                     | image/*                | true",
      "text/image                        | image/*                | false",
      "text/plain                        | */plain                | true",
      "anything/at-all; q=1              | */*                    | true",
      "no-slash                          | */*                    | true",
      "no-slash                          | image/*                | false",
      "multipart/form-data; boundary=b   | multipart/form-data    | true",
      "NULL                              | */*                    | false",
      "''                                | */*                    | false",
      "' ; charset=utf-8'                | */*                    | false"})
  void isBinary_matchesTheMediaTypeLikeApiGateway(String contentType, String binaryType, boolean expected) {
    assertThat(ApiGatewayEventMapper.isBinary(contentType, List.of(binaryType))).isEqualTo(expected);
  }

  @Test
  void isBinary_noBinaryMediaTypes_neverMatches() {
    assertThat(ApiGatewayEventMapper.isBinary("application/octet-stream", List.of())).isFalse();
    assertThat(ApiGatewayEventMapper.isBinary("application/octet-stream", null)).isFalse();
    assertThat(ApiGatewayEventMapper.isBinary("image/png", List.of("text/*", "image/png"))).isTrue();
  }

  @Test
  void requestContext_andTopLevelFields() {
    JsonNode event = ApiGatewayEventMapper.toEvent(
        request("POST", "/crm_register_webhook", null,
            List.of(new Header("User-Agent", "curl/8.5.0"), new Header("Host", "127.0.0.1:3000")), null),
        "/crm_register_webhook", Map.of(), "req-9", TIME);

    assertThat(event.get("resource").asText()).isEqualTo("/crm_register_webhook");
    assertThat(event.get("path").asText()).isEqualTo("/crm_register_webhook");
    assertThat(event.get("httpMethod").asText()).isEqualTo("POST");
    JsonNode context = event.get("requestContext");
    assertThat(context.get("resourcePath").asText()).isEqualTo("/crm_register_webhook");
    assertThat(context.get("httpMethod").asText()).isEqualTo("POST");
    assertThat(context.get("path").asText()).isEqualTo("/crm_register_webhook");
    assertThat(context.get("stage").asText()).isEqualTo("local");
    assertThat(context.get("requestId").asText()).isEqualTo("req-9");
    assertThat(context.get("requestTimeEpoch").asLong()).isEqualTo(TIME.toEpochMilli());
    assertThat(context.get("requestTime").asText()).isEqualTo("03/Dec/2026:17:00:00 +0000");
    assertThat(context.get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(context.at("/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(context.at("/identity/userAgent").asText()).isEqualTo("curl/8.5.0");
    assertThat(context.get("accountId").asText()).isEqualTo("123456789012");
    assertThat(context.get("apiId").asText()).isEqualTo("local");
    assertThat(context.get("domainName").asText()).isEqualTo("127.0.0.1:3000");
  }

  @Test
  void pathParameters_whenTheRouteHasThem() {
    JsonNode event = ApiGatewayEventMapper.toEvent(request("GET", "/items/a%20b", null, List.of(), null),
        "/items/{id}", Map.of("id", "a b"), "r", TIME);
    assertThat(event.get("pathParameters").toString()).isEqualTo("{\"id\":\"a b\"}");
    assertThat(event.get("path").asText()).isEqualTo("/items/a%20b");
    assertThat(ApiGatewayEventMapper.decodePathSegment("a%20b+c")).isEqualTo("a b+c");
  }

  @Test
  void theEventIsWhatTheLambdaRuntimeDeserializes() {
    byte[] json = ApiGatewayEventMapper.toEventJson(
        request("POST", "/crm_register_webhook", "q=1",
            List.of(new Header("api_key", "ck"), new Header("Content-Type", "application/json")),
            new byte[] {(byte) 0xff, 0x00}),
        "/crm_register_webhook", Map.of(), ALL_BINARY, "req-2", TIME);

    APIGatewayProxyRequestEvent event = LambdaEventSerializers
        .serializerFor(APIGatewayProxyRequestEvent.class, getClass().getClassLoader())
        .fromJson(new ByteArrayInputStream(json));

    assertThat(event.getHttpMethod()).isEqualTo("POST");
    assertThat(event.getResource()).isEqualTo("/crm_register_webhook");
    assertThat(event.getHeaders()).containsEntry("api_key", "ck").containsEntry("Content-Type", "application/json");
    assertThat(event.getMultiValueHeaders()).containsEntry("api_key", List.of("ck"));
    assertThat(event.getQueryStringParameters()).containsEntry("q", "1");
    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(event.getBody())).containsExactly(0xff, 0x00);
    assertThat(event.getRequestContext().getRequestId()).isEqualTo("req-2");
    assertThat(event.getRequestContext().getStage()).isEqualTo("local");
    assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
  }

  @Test
  void response_headersMerged_bodyDecoded() throws Exception {
    HttpResponse response = ApiGatewayEventMapper.toHttpResponse("""
        {"statusCode": 201,
         "headers": {"Content-Type": "text/plain", "X-One": "1", "Set-Cookie": "a=1"},
         "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"], "X-Num": [5, true]},
         "body": "aGVsbG8=", "isBase64Encoded": true}
        """.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.headers()).containsExactly(
        new Header("Set-Cookie", "a=1"), new Header("Set-Cookie", "b=2"),
        new Header("X-Num", "5"), new Header("X-Num", "true"),
        new Header("Content-Type", "text/plain"), new Header("X-One", "1"));
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void response_minimal_defaultsContentTypeAndEmptyBody() throws Exception {
    HttpResponse response = ApiGatewayEventMapper.toHttpResponse("{\"statusCode\":\"204\"}".getBytes());
    assertThat(response.status()).isEqualTo(204);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "null", "[]", "\"text\"", "not json", "{}",
      "{\"statusCode\": 700}", "{\"statusCode\": 200.5}", "{\"statusCode\": 200, \"body\": {}}",
      "{\"statusCode\": 200, \"body\": 5}", "{\"statusCode\": 200, \"extra\": 1}",
      "{\"statusCode\": 200, \"headers\": {\"a\": [\"x\"]}}", "{\"statusCode\": 200, \"headers\": []}",
      "{\"statusCode\": 200, \"multiValueHeaders\": {\"a\": \"x\"}}",
      "{\"statusCode\": 200, \"isBase64Encoded\": \"yes\"}",
      "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"***\"}"})
  void malformedProxyResponses_areRejected(String json) {
    assertThatThrownBy(() -> ApiGatewayEventMapper.toHttpResponse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void toEventJson_isValidJson() throws Exception {
    byte[] json = ApiGatewayEventMapper.toEventJson(request("GET", "/", null, List.of(), null), "/", null, "r", TIME);
    assertThat(JSON.readTree(json).get("httpMethod").asText()).isEqualTo("GET");
  }
}
