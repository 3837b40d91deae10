package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API server with stub handlers (no DynamoDB): routing, the event the handler receives, the response
 * mapping, and the server's own answers. The end-to-end test with the real handlers is LocalApiEndToEndIT.
 */
class LocalApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Records the event it received and answers what {@link #next} says. */
  static final class Stub implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    final AtomicReference<APIGatewayProxyRequestEvent> last = new AtomicReference<>();
    volatile APIGatewayProxyResponseEvent next =
        new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(Map.of("Content-Type", "text/plain"))
            .withBody("ok");
    volatile boolean fail;

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      last.set(event);
      if (fail) {
        throw new IllegalStateException("stub failure");
      }
      return next;
    }
  }

  private final Stub stub = new Stub();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalApi api;

  @BeforeEach
  void start() throws Exception {
    Path project = Path.of(System.getProperty("project.basedir", System.getProperty("user.dir")));
    api = LocalApi.start(0, TemplateRoutes.loadProject(project), name -> stub, "us-east-1",
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String pathAndQuery) {
    return HttpRequest.newBuilder(api.baseUri().resolve(pathAndQuery));
  }

  @Test
  void route_getsTheApiGatewayEvent_andTheResponseIsMapped() throws Exception {
    HttpResponse<String> response = send(at("/crm_register_webhook?x=1&x=a+b")
        .header("api_key", "ck_1").header("X-Custom-Thing", "v1").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"webhook\":\"https://bücher.example\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();

    APIGatewayProxyRequestEvent event = stub.last.get();
    assertThat(event.getHttpMethod()).isEqualTo("POST");
    assertThat(event.getResource()).isEqualTo("/crm_register_webhook");
    assertThat(event.getPath()).isEqualTo("/crm_register_webhook");
    assertThat(event.getHeaders())
        .containsEntry("api_key", "ck_1")
        .containsEntry("X-Custom-Thing", "v1")
        .containsEntry("Content-Type", "application/json");
    assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("x", "a b"));
    assertThat(event.getMultiValueQueryStringParameters().get("x")).containsExactly("1", "a b");
    // template.yaml's API has BinaryMediaTypes */*: every body with a Content-Type arrives base64-encoded
    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(new String(java.util.Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8))
        .isEqualTo("{\"webhook\":\"https://bücher.example\"}");
    assertThat(event.getPathParameters()).isNull();
    assertThat(event.getRequestContext().getStage()).isEqualTo("local");
    assertThat(event.getRequestContext().getResourcePath()).isEqualTo("/crm_register_webhook");
    assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");

    assertThat(log.toString(StandardCharsets.UTF_8)).containsPattern("POST /crm_register_webhook 200 \\d+ ms")
        .doesNotContain("ck_1").doesNotContain("bücher");
  }

  @Test
  void repeatedHeaders_andNonUtf8BodiesWithoutContentType_areTextWithReplacementCharacters() throws Exception {
    send(at("/crm_register_webhook").header("api_key", "a").header("api_key", "b")
        .POST(BodyPublishers.ofByteArray(new byte[] {(byte) 0xc3, 0x28})));

    APIGatewayProxyRequestEvent event = stub.last.get();
    assertThat(event.getMultiValueHeaders().get("api_key")).containsExactly("a", "b");
    assertThat(event.getHeaders()).containsEntry("api_key", "b");
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getBody()).isEqualTo("\uFFFD(");
  }

  @Test
  void getWithoutBody_hasNullBody() throws Exception {
    send(at("/crm_get_webhook").GET());
    assertThat(stub.last.get().getBody()).isNull();
    assertThat(stub.last.get().getQueryStringParameters()).isNull();
  }

  @Test
  void unknownPath404_wrongMethod405_asJson() throws Exception {
    HttpResponse<String> notFound = send(at("/nope").GET());
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).isEqualTo("{\"status\":false,\"message\":\"not found\"}");
    assertThat(notFound.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");

    HttpResponse<String> wrongMethod = send(at("/crm_register_webhook").GET());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.body()).isEqualTo("{\"status\":false,\"message\":\"method not allowed\"}");
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    assertThat(stub.last.get()).isNull();
  }

  @Test
  void bodyOver10MB_is413() throws Exception {
    HttpResponse<String> response = send(at("/crm_register_webhook")
        .POST(BodyPublishers.ofByteArray(new byte[LocalApi.MAX_BODY_BYTES + 1])));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Request Too Long");
    assertThat(stub.last.get()).isNull();
  }

  @Test
  void handlerErrors_andMalformedResponses_are502LikeApiGateway() throws Exception {
    stub.fail = true;
    HttpResponse<String> failed = send(at("/crm_get_webhook").GET());
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(failed.body()).get("message").asText()).isEqualTo("Internal server error");

    stub.fail = false;
    stub.next = new APIGatewayProxyResponseEvent().withBody("no status code");
    HttpResponse<String> malformed = send(at("/crm_get_webhook").GET());
    assertThat(malformed.statusCode()).isEqualTo(502);
  }

  @Test
  void base64Responses_areDecoded_andMultiValueHeadersSent() throws Exception {
    stub.next = new APIGatewayProxyResponseEvent().withStatusCode(201)
        .withMultiValueHeaders(Map.of("X-Multi", java.util.List.of("1", "2")))
        .withIsBase64Encoded(true).withBody("aGk=");
    HttpResponse<String> response = send(at("/crm_get_webhook").GET());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("hi");
    assertThat(response.headers().allValues("X-Multi")).containsExactly("1", "2");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void banner_listsRoutesAndDemoCredentials() {
    String banner = LocalApi.banner(api, api.routes(),
        LocalEnvironment.forEndpoint(java.net.URI.create("http://127.0.0.1:1234")), true);
    assertThat(banner)
        .contains("POST   " + api.baseUri() + "/crm_register_webhook")
        .contains("GET    " + api.baseUri() + "/crm_get_webhook")
        .contains(LocalTable.DEMO_API_KEY).contains(LocalTable.DEMO_API_SECRET)
        .contains("curl -s -H 'api_key: ck_demo_local'")
        .contains("Docs (local only): " + api.baseUri() + "/docs");
  }

  // ------------------------------------------------------------------------ /openapi.yaml and /docs (local only)

  @Test
  void openapiYaml_isTheProjectFileAsItIs() throws Exception {
    HttpResponse<byte[]> response = http.send(at("/openapi.yaml").GET().build(), BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=utf-8");
    assertThat(response.body()).isEqualTo(java.nio.file.Files.readAllBytes(project().resolve("openapi.yaml")));
    assertThat(stub.last.get()).as("no function runs").isNull();
    assertThat(log.toString(StandardCharsets.UTF_8)).containsPattern("GET /openapi.yaml 200 \\d+ ms");
  }

  @Test
  void docs_isOneSelfContainedHtmlPage_withEveryOperationAndExample() throws Exception {
    HttpResponse<String> response = send(at("/docs").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    OpenApiDocument document = OpenApiDocument.loadProject(project());
    String page = response.body();
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>CRM collection webhook API")
        .contains("href=\"/openapi.yaml\"");
    for (OpenApiDocument.Operation operation : document.operations()) {
      assertThat(page).contains(">" + operation.method() + "</span><code>" + operation.path() + "</code>");
      for (OpenApiDocument.RequestExample example : operation.requestExamples()) {
        assertThat(page).contains("<code>" + example.name() + "</code>");
      }
    }
    assertThat(page).as("nothing loaded from elsewhere: no script, style sheet, image, font or frame")
        .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<iframe").doesNotContain("src=")
        .doesNotContain("url(").doesNotContain("@import");
    assertThat(stub.last.get()).isNull();
  }

  @Test
  void docsRoutes_answerHead_refuseOtherMethodsWith405_andNeighbouringPathsStay404() throws Exception {
    HttpResponse<String> head = send(at("/docs").method("HEAD", BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();

    HttpResponse<String> post = send(at("/openapi.yaml").POST(BodyPublishers.ofString("x")));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(post.body()).isEqualTo("{\"status\":false,\"message\":\"method not allowed\"}");

    for (String path : List.of("/docs/", "/openapi.yml", "/docs/openapi.yaml", "/DOCS")) {
      HttpResponse<String> notFound = send(at(path).GET());
      assertThat(notFound.statusCode()).as(path).isEqualTo(404);
      assertThat(notFound.body()).isEqualTo("{\"status\":false,\"message\":\"not found\"}");
    }
    assertThat(stub.last.get()).isNull();
  }

  @Test
  void aMissingOpenapiFile_is404_andAnInvalidOne_a500SayingWhy(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("openapi.yaml");
    try (LocalApi other = LocalApi.start(0, TemplateRoutes.loadProject(project()), name -> stub, "us-east-1",
        new PrintStream(log, true, StandardCharsets.UTF_8), file)) {
      HttpRequest docs = HttpRequest.newBuilder(other.baseUri().resolve("/docs")).build();
      assertThat(http.send(docs, BodyHandlers.ofString()).statusCode()).isEqualTo(404);

      java.nio.file.Files.writeString(file, "openapi: 3.1.0\npaths:\n  /p:\n    post:\n      x-request-examples:\n"
          + "        a: {x-response: missing}\n");
      HttpResponse<String> invalid = http.send(docs, BodyHandlers.ofString());
      assertThat(invalid.statusCode()).isEqualTo(500);
      assertThat(invalid.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      assertThat(invalid.body()).contains("openapi.yaml cannot be shown").contains("no response example missing");
      HttpRequest yaml = HttpRequest.newBuilder(other.baseUri().resolve("/openapi.yaml")).build();
      assertThat(http.send(yaml, BodyHandlers.ofString()).statusCode()).as("the file itself is still served")
          .isEqualTo(200);
    }
  }

  private static Path project() {
    return Path.of(System.getProperty("project.basedir", System.getProperty("user.dir")));
  }
}
