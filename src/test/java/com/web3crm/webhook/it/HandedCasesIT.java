package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handed real-world cases (C01…C17): inputs that broke systems like this one, each with its stated
 * expectation, run through the handlers against the real store. C20 (outages) is in {@link StoreOutageIT}.
 */
@ExtendWith(TestDynamoDb.class)
class HandedCasesIT {
  private final ApiFixture api;

  HandedCasesIT(TestDynamoDb db) {
    this.api = new ApiFixture(db);
  }

  @AfterEach
  void close() {
    api.close();
  }

  /** Registers a known state, runs {@code request}, and checks the stored item did not change. */
  private Response rejectedAndNothingStored(APIGatewayProxyRequestEvent request, String expectedMessage) {
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fknown&webhook_login=known&webhook_pass=known");
    Map<String, AttributeValue> before = api.storedItem(KEY);
    Response response = api.post(request);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.message()).isEqualTo(expectedMessage);
    assertThat(api.storedItem(KEY)).isEqualTo(before);
    return response;
  }

  private APIGatewayProxyRequestEvent form(String body) {
    return EventBuilder.post().credentials(KEY, SECRET).form(body).build();
  }

  @Test
  @DisplayName("C01 null headers, multiValueHeaders and body: 400 missing on both routes; null body: no field")
  void c01_nullEventParts() {
    var post = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/crm_register_webhook")
        .withHeaders(null).withMultiValueHeaders(null).withQueryStringParameters(null).withBody(null)
        .withIsBase64Encoded(false);
    var get = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/crm_get_webhook")
        .withHeaders(null).withMultiValueHeaders(null).withBody(null).withIsBase64Encoded(false);
    assertThat(api.post(post).message()).isEqualTo("api_key or api_secret missing");
    assertThat(api.get(get).message()).isEqualTo("api_key or api_secret missing");
    assertThat(api.post(null).message()).as("even a null event").isEqualTo("api_key or api_secret missing");
    assertThat(api.get(null).message()).isEqualTo("api_key or api_secret missing");

    var nullBody = EventBuilder.post().credentials(KEY, SECRET).build().withBody(null).withIsBase64Encoded(null);
    rejectedAndNothingStored(nullBody, "no webhook field given: send at least one of webhook, webhook_login, webhook_pass");
  }

  @Test
  @DisplayName("C01 null values inside the header maps never crash")
  void c01_nullsInsideHeaderMaps() {
    var headers = new HashMap<String, String>();
    headers.put("api_key", null);
    headers.put(null, "x");
    var multi = new HashMap<String, List<String>>();
    multi.put("api_secret", null);
    multi.put("API_KEY", Arrays.asList((String) null));
    var event = new APIGatewayProxyRequestEvent().withHeaders(headers).withMultiValueHeaders(multi);
    assertThat(api.get(event).message()).isEqualTo("api_key or api_secret missing");
  }

  @Test
  @DisplayName("C02 credential header names match in any case; removed headers are missing, never invalid")
  void c02_headerNames() {
    Response upper = api.post(EventBuilder.post().header("API_KEY", KEY).header("Api_Secret", SECRET)
        .form("webhook_login=case").build());
    assertThat(upper.status()).isEqualTo(200);

    var dropped = EventBuilder.post().header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Forwarded-For", "203.0.113.1").body("webhook_login=x").build();
    assertThat(api.post(dropped).message()).isEqualTo("api_key or api_secret missing");
    assertThat(api.get(EventBuilder.get().header("apikey", KEY).header("apisecret", SECRET).build()).message())
        .isEqualTo("api_key or api_secret missing");
  }

  @Test
  @DisplayName("C04 isBase64Encoded bodies are decoded first; invalid base64 is 400")
  void c04_base64Body() {
    var event = EventBuilder.post().credentials(KEY, SECRET).header("Content-Type", "application/x-www-form-urlencoded")
        .body("d2ViaG9vaz1odHRwcyUzQSUyRiUyRmhvb2tzLmV4YW1wbGUuY29tJTJGaW4md2ViaG9va19sb2dpbj1vcHMmd2ViaG9va19wYXNzPXAlMkJzcw==")
        .build().withIsBase64Encoded(true);
    assertThat(api.post(event).status()).isEqualTo(200);
    var data = api.readBack();
    assertThat(data.get("webhook").asText()).isEqualTo("https://hooks.example.com/in");
    assertThat(data.get("webhook_login").asText()).isEqualTo("ops");
    assertThat(data.get("webhook_pass").asText()).isEqualTo("p+ss");

    var bad = EventBuilder.post().credentials(KEY, SECRET).form("!!not base64!!").build().withIsBase64Encoded(true);
    rejectedAndNothingStored(bad, "body invalid");
  }

  @Test
  @DisplayName("C05 form decoding: + is a space, %2B is a plus, bad escapes and bad UTF-8 are 400")
  void c05_formDecoding() {
    api.registerForm("webhook_pass=a+b");
    assertThat(api.readBack().get("webhook_pass").asText()).isEqualTo("a b");
    api.registerForm("webhook_pass=a%2Bb");
    assertThat(api.readBack().get("webhook_pass").asText()).isEqualTo("a+b");
    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fin%3Fa%3D1%26b%3D2");
    assertThat(api.readBack().get("webhook").asText()).isEqualTo("https://hooks.example.com/in?a=1&b=2");

    rejectedAndNothingStored(form("webhook_login=100%"), "body invalid");
    rejectedAndNothingStored(form("webhook_login=%E0%A4"), "body invalid");
  }

  @ParameterizedTest(name = "C06 Content-Type \"{0}\" is JSON")
  @ValueSource(strings = {"application/json; charset=UTF-8", "application/json;charset=utf-8", "Application/JSON", ""})
  void c06_jsonContentTypes(String contentType) {
    var builder = EventBuilder.post().credentials(KEY, SECRET).body("{\"webhook\":\"https://hooks.example.com/in\"}");
    if (!contentType.isEmpty()) {
      builder.header("Content-Type", contentType);
    }
    Response response = api.post(builder.build());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(api.readBack().get("webhook").asText()).isEqualTo("https://hooks.example.com/in");
  }

  @Test
  @DisplayName("C06 text/plain is 400 naming the supported types, never a 200 that stored nothing")
  void c06_unsupportedContentType() {
    var event = EventBuilder.post().credentials(KEY, SECRET).header("Content-Type", "text/plain")
        .body("{\"webhook\":\"https://hooks.example.com/other\"}").build();
    Response response = rejectedAndNothingStored(event,
        "unsupported Content-Type: use application/x-www-form-urlencoded, application/json or multipart/form-data");
    assertThat(response.message()).contains("application/x-www-form-urlencoded", "application/json", "multipart/form-data");
  }

  @ParameterizedTest(name = "C08 {0}")
  @ValueSource(strings = {
      "https://169.254.169.254/latest/meta-data/", "https://127.0.0.1/", "https://10.0.0.5/in", "https://192.168.1.1/",
      "https://172.16.0.1/", "https://100.64.0.1/", "https://[::1]/", "https://[fd00::1]/", "https://localhost/",
      "https://0.0.0.0/"})
  void c08_internalTargets(String url) {
    Response response = rejectedAndNothingStored(form("webhook=" + encode(url)), "webhook invalid");
    assertThat(response.json().path("detail").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "C10 {0}")
  @ValueSource(strings = {
      "https://hooks.example.com@169.254.169.254/", "https://hooks.example.com\\@127.0.0.1/",
      "https://127.0.0.1\\@hooks.example.com/", "https://user:pw@hooks.example.com/in",
      "https://internal_svc.example.com/hook"})
  void c10_parserDifferentials(String url) {
    rejectedAndNothingStored(form("webhook=" + encode(url)), "webhook invalid");
  }

  @ParameterizedTest(name = "C11 {0}")
  @ValueSource(strings = {
      "http://hooks.example.com/in", "https:hooks.example.com/in", "javascript:alert(1)//https://hooks.example.com",
      "ftp://hooks.example.com/", " https://127.0.0.1/", "https://hooks.example.com/in\r\nX-Injected: 1",
      "https://hooks.example.com:0/", "https://hooks.example.com:65536/", "https:///in"})
  void c11_schemeWhitespacePorts(String url) {
    rejectedAndNothingStored(form("webhook=" + encode(url)), "webhook invalid");
  }

  @Test
  @DisplayName("C11 the raw spellings from the case file (%20 prefix, %0D%0A inside) are refused too")
  void c11_rawFormSpellings() {
    rejectedAndNothingStored(form("webhook=%20https://127.0.0.1/"), "webhook invalid");
    rejectedAndNothingStored(form("webhook=https://hooks.example.com/in%0D%0AX-Injected:%201"), "webhook invalid");
  }

  @Test
  @DisplayName("C11 upper-case scheme and host are accepted and stored lower-case")
  void c11_upperCaseIsCanonicalised() {
    api.registerForm("webhook=" + encode("HTTPS://Hooks.Example.COM/in"));
    assertThat(api.readBack().get("webhook").asText()).isEqualTo("https://hooks.example.com/in");
  }

  @Test
  @DisplayName("C13 login with ':' is refused; password with ':' and non-ASCII is kept byte-exact; CR/LF refused")
  void c13_basicAuthCredentials() {
    rejectedAndNothingStored(form("webhook_login=ops:team"), "webhook_login invalid");
    api.registerForm("webhook_pass=s3:cr:et");
    assertThat(api.readBack().get("webhook_pass").asText()).isEqualTo("s3:cr:et");
    api.registerForm("webhook_pass=p%C3%A4ssw%C3%B6rd");
    assertThat(api.readBack().get("webhook_pass").asText()).isEqualTo("pässwörd");
    assertThat(api.storedItem(KEY).get("webhook_pass").s().getBytes(StandardCharsets.UTF_8))
        .isEqualTo("pässwörd".getBytes(StandardCharsets.UTF_8));
    rejectedAndNothingStored(form("webhook_login=ops%0D%0AX-Injected:1"), "webhook_login invalid");
    rejectedAndNothingStored(form("webhook_login=ops%0D%0AX-Injected"), "webhook_login invalid");
    rejectedAndNothingStored(form("webhook_pass=a%09b"), "webhook_pass invalid");
  }

  @Test
  @DisplayName("C15 empty or blank credentials are missing (no DynamoDB call); empty optional fields clear them")
  void c15_emptyStrings() {
    assertThat(api.post(EventBuilder.post().credentials("", "").form("webhook_login=x").build()).message())
        .isEqualTo("api_key or api_secret missing");
    assertThat(api.post(EventBuilder.post().credentials("   ", SECRET).form("webhook_login=x").build()).message())
        .isEqualTo("api_key or api_secret missing");
    assertThat(api.calls).isEmpty();

    api.registerForm("webhook=https%3A%2F%2Fhooks.example.com%2Fin&webhook_login=l&webhook_pass=p");
    api.registerForm("webhook_login=&webhook_pass=");
    var data = api.readBack();
    assertThat(data.get("webhook_login").isNull()).isTrue();
    assertThat(data.get("webhook_pass").isNull()).isTrue();
    assertThat(api.post(EventBuilder.post().credentials(KEY, SECRET).json("{\"webhook\":\"\"}").build()).status()).isEqualTo(200);
    assertThat(api.readBack().get("webhook").isNull()).isTrue();
  }

  @Test
  @DisplayName("C16 a second update of an item that has reserved-word attributes works")
  void c16_reservedWords() {
    api.registerForm("webhook=" + encode("https://hooks.example.com/first") + "&webhook_login=first");
    api.registerForm("webhook=" + encode("https://hooks.example.com/second") + "&webhook_login=second");
    var data = api.readBack();
    assertThat(data.get("webhook").asText()).isEqualTo("https://hooks.example.com/second");
    assertThat(data.get("webhook_login").asText()).isEqualTo("second");
    assertThat(api.storedItem(KEY).get("status").s()).isEqualTo("active");
  }

  @Test
  @DisplayName("C17 every GET right after a POST sees that POST (strongly consistent reads)")
  void c17_readAfterWrite() {
    for (int i = 0; i < 50; i++) {
      api.registerForm("webhook=" + encode("https://hooks.example.com/v" + i));
      assertThat(api.readBack().get("webhook").asText()).isEqualTo("https://hooks.example.com/v" + i);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
