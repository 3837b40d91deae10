package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.api.ErrorMessages;
import com.web3crm.webhook.local.OpenApiDocument.Operation;
import com.web3crm.webhook.local.OpenApiDocument.RequestExample;
import com.web3crm.webhook.local.OpenApiDocument.ResponseExample;
import com.web3crm.webhook.testing.ContractMessages;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml against the code and template.yaml, without a store: it follows its example convention, its routes
 * are template.yaml's, every error message the code can answer is shown by an example, every response example fits
 * its schema, and it agrees with docs/API.md. That each example request really gets its response is
 * OpenApiDocumentIT. Also: the parser's strictness, which keeps a typo from leaving an example unchecked.
 */
class OpenApiDocumentTest {
  private static final OpenApiDocument DOCUMENT = load();

  private static OpenApiDocument load() {
    try {
      return OpenApiDocument.loadProject(TestDynamoDb.projectDir());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------------------ against the project

  @Test
  void everyRouteOfTheTemplateIsAnOperation_andEveryOperationARouteOfTheTemplate() throws IOException {
    TemplateRoutes template = TemplateRoutes.loadProject(TestDynamoDb.projectDir());
    Set<String> templateRoutes = template.routes().stream().map(r -> r.method() + " " + r.path())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = DOCUMENT.operations().stream().map(Operation::key)
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).isEqualTo(templateRoutes).contains("POST /crm_register_webhook", "GET /crm_get_webhook");
  }

  @Test
  void everyResponseExampleIsTheAnswerOfSomeRequestExample() {
    for (Operation operation : DOCUMENT.operations()) {
      Set<String> named = operation.requestExamples().stream().map(RequestExample::response)
          .collect(Collectors.toCollection(TreeSet::new));
      Set<String> documented = operation.responseExamples().stream().map(ResponseExample::name)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(named).as(operation.key() + ": response examples no request example gets").isEqualTo(documented);
    }
  }

  @Test
  void everyResponseTheFunctionsGive_hasExamples_andOnlyApiGatewaysOwnAnswersHaveNone() {
    for (Operation operation : DOCUMENT.operations()) {
      for (OpenApiDocument.Response response : operation.responses()) {
        boolean hasExamples = operation.responseExamples().stream().anyMatch(e -> e.response() == response);
        assertThat(hasExamples).as(operation.key() + " " + response.status()).isEqualTo(!response.answeredByApiGateway());
        if (response.answeredByApiGateway()) {
          assertThat(response.status()).as("API Gateway's own answers").isIn("403", "413", "429", "502", "504");
        }
      }
      assertThat(operation.responses().stream().filter(r -> !r.answeredByApiGateway()).map(r -> r.status()))
          .as(operation.key() + ": the functions' statuses (docs/API.md)").containsExactly("200", "400", "500", "503");
    }
  }

  @Test
  void bothRequestEncodingsAndMultipartAreDocumented_withExamplesOfEach() {
    Operation post = operation("POST /crm_register_webhook");
    assertThat(post.mediaTypes())
        .containsExactly("application/x-www-form-urlencoded", "application/json", "multipart/form-data");
    for (String mediaType : post.mediaTypes()) {
      assertThat(post.requestExamples()).as(mediaType).anyMatch(e -> mediaType.equals(e.mediaType())
          && e.response().equals("updated"));
    }
    assertThat(operation("GET /crm_get_webhook").mediaTypes()).isEmpty();
  }

  @Test
  void everyPostAnswered200_saysWhatIsStoredAfterwards() {
    Operation post = operation("POST /crm_register_webhook");
    for (RequestExample example : post.requestExamples()) {
      if (post.responseExample(example.response()).status() == 200) {
        assertThat(example.storedAfter()).as(example.name() + ": x-stored-after").isNotNull();
      }
    }
  }

  @Test
  void everyMessageConstantOfTheCode_isTheMessageOfADocumentedExample() throws IllegalAccessException {
    List<String> documented = documentedMessages();
    List<String> constants = new ArrayList<>();
    for (Field field : ErrorMessages.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    assertThat(constants).hasSizeGreaterThanOrEqualTo(10);
    for (String constant : constants) {
      assertThat(documented).as("ErrorMessages constant '" + constant + "' in a response example of openapi.yaml")
          .anyMatch(message -> message.contains(constant));
    }
  }

  @Test
  void everyMessageTemplateOfTheCode_hasADocumentedExample() throws Exception {
    List<String> documented = documentedMessages();
    String placeholder = "zzPlaceholderZz";
    int templates = 0;
    for (Method method : ErrorMessages.class.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != String.class
          || method.getParameterCount() != 1 || method.getParameterTypes()[0] != String.class) {
        continue;
      }
      String filled = (String) method.invoke(null, placeholder);
      int at = filled.indexOf(placeholder);
      String prefix = filled.substring(0, at);
      String suffix = filled.substring(at + placeholder.length());
      if (prefix.isEmpty() && suffix.isEmpty()) {
        continue; // displayName: the name itself, not a message
      }
      templates++;
      assertThat(documented).as("a response example whose message is ErrorMessages." + method.getName() + "(…)")
          .anyMatch(message -> message.startsWith(prefix) && message.endsWith(suffix));
    }
    assertThat(templates).isEqualTo(2);
  }

  @Test
  void everyErrorMessageDocumented_isOneTheContractDocuments_andDocsApiMdSpellsOut() throws IOException {
    String apiMd = Files.readString(TestDynamoDb.projectDir().resolve("docs/API.md"), StandardCharsets.UTF_8);
    for (String message : documentedMessages()) {
      if (message.equals("internal error")) {
        assertThat(apiMd).contains("\"message\": \"internal error\"");
        continue;
      }
      assertThat(ContractMessages.documented(message)).as("docs/API.md documents '" + message + "'").isTrue();
      if (ContractMessages.FIXED.contains(message)) {
        assertThat(apiMd).contains(message);
      }
    }
  }

  @Test
  void docsApiMdAndOpenapiYaml_linkToEachOther() throws IOException {
    String apiMd = Files.readString(TestDynamoDb.projectDir().resolve("docs/API.md"), StandardCharsets.UTF_8);
    String yaml = Files.readString(TestDynamoDb.projectDir().resolve("openapi.yaml"), StandardCharsets.UTF_8);
    assertThat(apiMd).contains("](../openapi.yaml)");
    assertThat(yaml).contains("docs/API.md");
  }

  @Test
  void everyResponseExample_fitsTheSchemaOfItsResponse() {
    int checked = 0;
    for (Operation operation : DOCUMENT.operations()) {
      for (ResponseExample example : operation.responseExamples()) {
        Map<?, ?> content = (Map<?, ?>) example.response().node().get("content");
        Map<?, ?> media = (Map<?, ?>) DOCUMENT.resolve(content.values().iterator().next());
        List<String> problems = new ArrayList<>();
        validate(example.value(), media.get("schema"), "body", problems);
        assertThat(problems).as(operation.key() + " " + example.name()).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30);
  }

  @Test
  void theSchemaCheck_catchesWhatItShould() {
    Object schema = Map.of("$ref", "#/components/schemas/ClientError");
    List<String> problems = new ArrayList<>();
    validate(Map.of("status", false, "message", "no such message"), schema, "body", problems);
    validate(Map.of("status", true, "message", "body invalid"), schema, "body", problems);
    validate(Map.of("status", false, "message", "body invalid", "extra", 1), schema, "body", problems);
    validate(Map.of("status", false), schema, "body", problems);
    validate(Map.of("status", false, "message", "body invalid", "detail", 3), schema, "body", problems);
    assertThat(problems).hasSize(5);

    List<String> none = new ArrayList<>();
    validate(Map.of("status", false, "message", "unknown field: x; allowed: webhook, webhook_login, webhook_pass"),
        schema, "body", none);
    assertThat(none).isEmpty();
  }

  // ---------------------------------------------------------------------------------------- the parser's rules

  private static final String MINIMAL = """
      openapi: 3.1.0
      info: {title: t, version: '1'}
      x-example-defaults:
        headers: {api_key: k, api_secret: s}
        stored-before: {webhook: null, webhook_pass: null, webhook_login: null}
      paths:
        /p:
          post:
            requestBody:
              content:
                application/json:
                  examples:
                    %s
            responses:
              '200':
                content:
                  application/json:
                    examples:
                      ok: {value: {status: true}}
                      %s
      """;

  private static OpenApiDocument minimal(String requestExample, String responseExample) {
    return OpenApiDocument.parse(MINIMAL.formatted(requestExample, responseExample));
  }

  @Test
  void requestExamples_defaultToTheDocumentsCredentials_andTheirMediaType() {
    RequestExample example = minimal("a: {value: {x: 1}, x-response: ok}", "").operations().get(0)
        .requestExamples().get(0);
    assertThat(example.headers()).extracting(h -> h.name() + ": " + h.value())
        .containsExactly("api_key: k", "api_secret: s", "Content-Type: application/json");
    assertThat(new String(example.body(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
    assertThat(example.storedAfter()).isNull();
    assertThat(example.store()).isEqualTo(OpenApiDocument.Store.WORKS);
  }

  @Test
  void requestExamples_repeatedHeaders_generatedAndBase64Bodies() {
    RequestExample repeated = minimal("a: {value: v, x-headers: {api_key: [a, b]}, x-content-type: text/plain, "
        + "x-body-repeat: {prefix: 'n=', unit: ab, times: 3}, x-response: ok}", "").operations().get(0)
        .requestExamples().get(0);
    assertThat(repeated.headers()).extracting(h -> h.name() + ": " + h.value())
        .containsExactly("api_key: a", "api_key: b", "Content-Type: text/plain");
    assertThat(new String(repeated.body(), StandardCharsets.UTF_8)).isEqualTo("n=ababab");
    assertThat(repeated.displayBody()).isEqualTo("v");

    RequestExample base64 = minimal("a: {value: shown, x-body-base64: /w==, x-response: ok}", "").operations()
        .get(0).requestExamples().get(0);
    assertThat(base64.body()).containsExactly(0xff);
  }

  @Test
  void aTypoInAnExampleField_isRefused() {
    assertThatThrownBy(() -> minimal("a: {value: v, x-respons: ok, x-response: ok}", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field 'x-respons'");
    assertThatThrownBy(() -> minimal("a: {value: v, x-response: ok}", "b: {value: {}, x-varyng: [a]}"))
        .hasMessageContaining("unknown field 'x-varyng'");
  }

  @Test
  void anExampleNamingNoResponseExample_orNoneAtAll_isRefused() {
    assertThatThrownBy(() -> minimal("a: {value: v, x-response: nope}", ""))
        .hasMessageContaining("no response example nope");
    assertThatThrownBy(() -> minimal("a: {value: v}", "")).hasMessageContaining("x-response must be a string");
  }

  @Test
  void contentTypeInXHeaders_unknownStore_andIncompleteStoredSettings_areRefused() {
    assertThatThrownBy(() -> minimal("a: {x-headers: {content-type: x}, x-response: ok}", ""))
        .hasMessageContaining("x-content-type");
    assertThatThrownBy(() -> minimal("a: {x-store: slow, x-response: ok}", "")).hasMessageContaining("x-store");
    assertThatThrownBy(() -> minimal("a: {x-stored-after: {webhook: x}, x-response: ok}", ""))
        .hasMessageContaining("must give exactly");
  }

  @Test
  void notYaml_orNotOpenApi3_isRefused() {
    assertThatThrownBy(() -> OpenApiDocument.parse("a: [")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> OpenApiDocument.parse("swagger: '2.0'")).hasMessageContaining("not an OpenAPI 3");
    assertThatThrownBy(() -> OpenApiDocument.parse("openapi: 3.1.0\nopenapi: 3.0.0"))
        .hasMessageContaining("not valid YAML");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static Operation operation(String key) {
    return DOCUMENT.operations().stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
  }

  /** The {@code message} of every error example (status false). */
  private static List<String> documentedMessages() {
    List<String> messages = new ArrayList<>();
    for (Operation operation : DOCUMENT.operations()) {
      for (ResponseExample example : operation.responseExamples()) {
        if (example.value() instanceof Map<?, ?> body && Boolean.FALSE.equals(body.get("status"))) {
          messages.add(String.valueOf(body.get("message")));
        }
      }
    }
    assertThat(messages).hasSizeGreaterThan(20);
    return messages;
  }

  /**
   * The subset of JSON Schema the document uses: $ref, type (one or a list), const, enum, pattern, anyOf, required,
   * properties, additionalProperties: false, minProperties, maxLength. Anything else in a schema is a failure, so
   * the check never silently ignores a rule.
   */
  private static void validate(Object value, Object schemaNode, String where, List<String> problems) {
    Map<?, ?> schema = (Map<?, ?>) DOCUMENT.resolve(schemaNode);
    Set<String> known = Set.of("type", "const", "enum", "pattern", "anyOf", "required", "properties",
        "additionalProperties", "minProperties", "maxLength", "description", "examples");
    for (Object key : schema.keySet()) {
      if (!known.contains(key.toString())) {
        problems.add(where + ": the check does not know schema keyword " + key);
      }
    }
    if (schema.containsKey("type")) {
      List<?> types = schema.get("type") instanceof List<?> l ? l : List.of(schema.get("type"));
      if (types.stream().noneMatch(t -> hasType(value, t.toString()))) {
        problems.add(where + ": " + value + " is not of type " + types);
        return;
      }
    }
    if (schema.containsKey("const") && !schema.get("const").equals(value)) {
      problems.add(where + ": " + value + " is not " + schema.get("const"));
    }
    if (schema.get("enum") instanceof List<?> values && !values.contains(value)) {
      problems.add(where + ": " + value + " is not one of the enum");
    }
    if (schema.get("pattern") instanceof String pattern && value instanceof String s
        && !Pattern.compile(pattern).matcher(s).find()) {
      problems.add(where + ": '" + s + "' does not match " + pattern);
    }
    if (schema.get("maxLength") instanceof Integer max && value instanceof String s
        && s.codePointCount(0, s.length()) > max) {
      problems.add(where + ": longer than " + max);
    }
    if (schema.get("anyOf") instanceof List<?> alternatives) {
      boolean any = false;
      for (Object alternative : alternatives) {
        List<String> own = new ArrayList<>();
        validate(value, alternative, where, own);
        any |= own.isEmpty();
      }
      if (!any) {
        problems.add(where + ": '" + value + "' matches none of anyOf");
      }
    }
    if (value instanceof Map<?, ?> object) {
      Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
      if (schema.get("required") instanceof List<?> required) {
        required.stream().filter(r -> !object.containsKey(r)).forEach(r -> problems.add(where + ": no " + r));
      }
      if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
        object.keySet().stream().filter(k -> !properties.containsKey(k))
            .forEach(k -> problems.add(where + ": " + k + " is not allowed"));
      }
      if (schema.get("minProperties") instanceof Integer min && object.size() < min) {
        problems.add(where + ": fewer than " + min + " fields");
      }
      object.forEach((k, v) -> {
        if (properties.containsKey(k)) {
          validate(v, properties.get(k), where + "." + k, problems);
        }
      });
    }
  }

  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "null" -> value == null;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "integer" -> value instanceof Integer || value instanceof Long;
      case "number" -> value instanceof Number;
      default -> false;
    };
  }
}
