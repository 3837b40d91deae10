package com.web3crm.webhook.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.local.ApiGatewayEventMapper.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The project's {@code openapi.yaml}, parsed: its operations with their request and response examples, read by the
 * convention written at the top of that file (request examples under each media type of a request body and under
 * an operation's {@code x-request-examples}; each names the response example it gets with {@code x-response}).
 *
 * <p>Used by {@code OpenApiDocumentIT}, which sends every request example through the handlers, and by the local
 * API's {@code /docs} page ({@link DocsPage}), which shows them. {@code $ref}s to {@code #/...} are followed.
 *
 * <p>Strict: an example with an unknown {@code x-} field, an {@code x-response} naming no response example, or two
 * response examples of one operation with the same name is an {@link IllegalArgumentException}, so a typo in the
 * document cannot make an example go unchecked.
 */
public final class OpenApiDocument {
  public static final String FILE_NAME = "openapi.yaml";

  /** The operations' HTTP methods, in the order OpenAPI lists them. */
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final Set<String> REQUEST_EXAMPLE_KEYS = Set.of(
      "summary", "description", "value", "x-body-base64", "x-body-repeat", "x-content-type", "x-headers", "x-query",
      "x-stored-before", "x-stored-after", "x-store", "x-response");
  private static final Set<String> RESPONSE_EXAMPLE_KEYS = Set.of("summary", "description", "value", "x-varying");
  private static final Set<String> STORE_CONDITIONS = Set.of("unreachable", "table-missing");
  private static final List<String> WEBHOOK_FIELDS = List.of("webhook", "webhook_pass", "webhook_login");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an example request meets: a working store, or one of the outages in {@code x-store}. */
  public enum Store {
    WORKS,
    UNREACHABLE,
    TABLE_MISSING
  }

  /** One operation ({@code method} upper case) and its examples, in document order. */
  public record Operation(
      String method,
      String path,
      String operationId,
      String summary,
      String description,
      List<String> mediaTypes,
      List<Response> responses,
      List<RequestExample> requestExamples,
      List<ResponseExample> responseExamples) {
    public Operation {
      mediaTypes = List.copyOf(mediaTypes);
      responses = List.copyOf(responses);
      requestExamples = List.copyOf(requestExamples);
      responseExamples = List.copyOf(responseExamples);
    }

    /** {@code POST /crm_register_webhook}. */
    public String key() {
      return method + " " + path;
    }

    /** The method and path only (the examples hold credentials and passwords). */
    @Override
    public String toString() {
      return "Operation[" + key() + "]";
    }

    /** The response example named {@code name}. */
    public ResponseExample responseExample(String name) {
      return responseExamples.stream().filter(e -> e.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(key() + " has no response example " + name));
    }
  }

  /**
   * A documented response: status code ({@code 200}, {@code 4XX}, {@code default}...), its resolved node, and
   * whether API Gateway gives it itself ({@code x-answered-by: api-gateway}) rather than the function.
   */
  public record Response(String status, String description, boolean answeredByApiGateway, Map<String, Object> node) {
    public Response {
      node = Collections.unmodifiableMap(new LinkedHashMap<>(node));
    }

    /** The status only (the node holds examples, some with passwords). */
    @Override
    public String toString() {
      return "Response[" + status + (answeredByApiGateway ? ", api-gateway" : "") + "]";
    }
  }

  /**
   * An example request, resolved into what goes on the wire.
   *
   * @param mediaType the request body media type it is listed under; null for {@code x-request-examples}
   * @param headers every request header in order, the Content-Type last when there is one
   * @param body the body bytes (empty: no body)
   * @param displayBody the body as the document shows it ({@code value}); null when there is none
   * @param query the query string without {@code ?}; null when none
   * @param storedBefore the webhook settings stored before the request (field → value or null)
   * @param storedAfter GET's {@code data} after the request, when documented; else null
   * @param response the name of the response example it gets
   */
  public record RequestExample(
      String name,
      String summary,
      String description,
      String mediaType,
      List<Header> headers,
      byte[] body,
      String displayBody,
      String query,
      Store store,
      Map<String, String> storedBefore,
      Map<String, String> storedAfter,
      String response) {
    public RequestExample {
      headers = List.copyOf(headers);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The Content-Type header sent, or null. */
    public String contentType() {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase("Content-Type")).map(Header::value)
          .reduce((first, second) -> second).orElse(null);
    }

    /** Name and media type only: examples hold credentials and passwords (public demo values, but still). */
    @Override
    public String toString() {
      return "RequestExample[" + name + (mediaType == null ? "" : ", " + mediaType) + "]";
    }
  }

  /**
   * A response example: its name (unique within the operation), status code and body ({@code value}: maps, lists
   * and scalars as parsed, key order kept); {@code varying} lists fields that differ on every request.
   */
  public record ResponseExample(
      String name, int status, String summary, String description, Object value, List<String> varying,
      Response response) {
    public ResponseExample {
      varying = List.copyOf(varying);
    }

    /** Name and status only: a GET example's value holds a password. */
    @Override
    public String toString() {
      return "ResponseExample[" + name + ", " + status + "]";
    }
  }

  private final Map<String, Object> root;
  private final List<Operation> operations;

  private OpenApiDocument(Map<String, Object> root, List<Operation> operations) {
    this.root = root;
    this.operations = List.copyOf(operations);
  }

  /** Reads {@code projectDir/openapi.yaml}. */
  public static OpenApiDocument loadProject(Path projectDir) throws IOException {
    return load(projectDir.resolve(FILE_NAME));
  }

  /** Reads and parses {@code file}; a document that breaks the convention is an IOException naming the file. */
  public static OpenApiDocument load(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses an OpenAPI document.
   *
   * @throws IllegalArgumentException when it is not YAML, not an OpenAPI 3 document, or breaks the example
   *     convention
   */
  public static OpenApiDocument parse(String yamlText) {
    Object document;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      document = new Yaml(new SafeConstructor(options)).load(yamlText);
    } catch (RuntimeException e) { // SnakeYAML's YAMLException and friends
      throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> root = map(document, "the document");
    if (!(root.get("openapi") instanceof String version) || !version.startsWith("3.")) {
      throw new IllegalArgumentException("not an OpenAPI 3 document (no 'openapi: 3.x')");
    }
    Resolver resolver = new Resolver(root);
    Map<String, Object> defaults = map(root.get("x-example-defaults"), "x-example-defaults");
    Map<String, Object> defaultHeaders = map(defaults.get("headers"), "x-example-defaults.headers");
    Map<String, String> nothingStored = new LinkedHashMap<>();
    WEBHOOK_FIELDS.forEach(field -> nothingStored.put(field, null));
    Map<String, String> defaultStored = defaults.containsKey("stored-before")
        ? stored(defaults.get("stored-before"), "x-example-defaults.stored-before")
        : Collections.unmodifiableMap(nothingStored);

    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> path : map(root.get("paths"), "paths").entrySet()) {
      Map<String, Object> pathItem = resolver.map(path.getValue(), "paths." + path.getKey());
      for (String method : METHODS) {
        if (pathItem.containsKey(method)) {
          operations.add(operation(method.toUpperCase(Locale.ROOT), path.getKey(),
              resolver.map(pathItem.get(method), path.getKey() + "." + method), resolver, defaultHeaders,
              defaultStored));
        }
      }
    }
    return new OpenApiDocument(root, operations);
  }

  private static Operation operation(String method, String path, Map<String, Object> node, Resolver resolver,
      Map<String, Object> defaultHeaders, Map<String, String> defaultStored) {
    String where = method + " " + path;

    List<Response> responses = new ArrayList<>();
    List<ResponseExample> responseExamples = new ArrayList<>();
    Set<String> responseNames = new LinkedHashSet<>();
    for (Map.Entry<String, Object> entry : map(node.get("responses"), where + ".responses").entrySet()) {
      String status = String.valueOf(entry.getKey());
      Map<String, Object> responseNode = resolver.map(entry.getValue(), where + ".responses." + status);
      Response response = new Response(status, string(responseNode.get("description")),
          "api-gateway".equals(responseNode.get("x-answered-by")), responseNode);
      responses.add(response);
      for (Map.Entry<String, Object> content : resolver.map(responseNode.get("content"), where).entrySet()) {
        Map<String, Object> mediaNode = resolver.map(content.getValue(), where + " " + status + " " + content.getKey());
        for (Map.Entry<String, Object> example : resolver.map(mediaNode.get("examples"), where).entrySet()) {
          String name = example.getKey();
          String at = where + " response example " + name;
          if (response.answeredByApiGateway()) {
            throw new IllegalArgumentException(at + ": API Gateway's own answers have no examples (nothing checks them)");
          }
          if (!responseNames.add(name)) {
            throw new IllegalArgumentException(at + ": the name is used twice in the operation");
          }
          if (!status.matches("[1-5]\\d\\d")) {
            throw new IllegalArgumentException(at + ": examples need an exact status code, not " + status);
          }
          Map<String, Object> exampleNode = resolver.map(example.getValue(), at);
          checkKeys(exampleNode, RESPONSE_EXAMPLE_KEYS, at);
          List<String> varying = new ArrayList<>();
          for (Object field : list(exampleNode.get("x-varying"), at + ".x-varying")) {
            varying.add(requiredString(field, at + ".x-varying"));
          }
          responseExamples.add(new ResponseExample(name, Integer.parseInt(status),
              string(exampleNode.get("summary")), string(exampleNode.get("description")), exampleNode.get("value"),
              varying, response));
        }
      }
    }

    List<String> mediaTypes = new ArrayList<>();
    List<RequestExample> requestExamples = new ArrayList<>();
    Set<String> requestNames = new LinkedHashSet<>();
    Map<String, Object> requestBody = resolver.map(node.get("requestBody"), where + ".requestBody");
    for (Map.Entry<String, Object> content : resolver.map(requestBody.get("content"), where).entrySet()) {
      String mediaType = content.getKey();
      mediaTypes.add(mediaType);
      Map<String, Object> mediaNode = resolver.map(content.getValue(), where + " " + mediaType);
      for (Map.Entry<String, Object> example : resolver.map(mediaNode.get("examples"), where).entrySet()) {
        requestExamples.add(requestExample(example.getKey(), mediaType,
            resolver.map(example.getValue(), where + " " + example.getKey()), where, defaultHeaders, defaultStored,
            requestNames, responseNames));
      }
    }
    for (Map.Entry<String, Object> example : resolver.map(node.get("x-request-examples"), where).entrySet()) {
      requestExamples.add(requestExample(example.getKey(), null,
          resolver.map(example.getValue(), where + " " + example.getKey()), where, defaultHeaders, defaultStored,
          requestNames, responseNames));
    }
    return new Operation(method, path, string(node.get("operationId")), string(node.get("summary")),
        string(node.get("description")), mediaTypes, responses, requestExamples, responseExamples);
  }

  private static RequestExample requestExample(String name, String mediaType, Map<String, Object> node, String where,
      Map<String, Object> defaultHeaders, Map<String, String> defaultStored, Set<String> requestNames,
      Set<String> responseNames) {
    String at = where + " request example " + name;
    if (!requestNames.add(name)) {
      throw new IllegalArgumentException(at + ": the name is used twice in the operation");
    }
    checkKeys(node, REQUEST_EXAMPLE_KEYS, at);
    String response = requiredString(node.get("x-response"), at + ".x-response");
    if (!responseNames.contains(response)) {
      throw new IllegalArgumentException(at + ".x-response: no response example " + response + " in " + where);
    }

    List<Header> headers = new ArrayList<>();
    Map<String, Object> given = node.containsKey("x-headers")
        ? map(node.get("x-headers"), at + ".x-headers")
        : defaultHeaders;
    for (Map.Entry<String, Object> header : given.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        throw new IllegalArgumentException(at + ".x-headers: give the Content-Type as x-content-type");
      }
      if (header.getValue() instanceof List<?> values) {
        for (Object value : values) {
          headers.add(new Header(header.getKey(), requiredString(value, at + ".x-headers." + header.getKey())));
        }
      } else {
        headers.add(new Header(header.getKey(), requiredString(header.getValue(), at + ".x-headers." + header.getKey())));
      }
    }
    String contentType = node.containsKey("x-content-type")
        ? requiredString(node.get("x-content-type"), at + ".x-content-type")
        : mediaType;
    if (contentType != null) {
      headers.add(new Header("Content-Type", contentType));
    }

    Object value = node.get("value");
    byte[] body;
    String displayBody;
    if (node.containsKey("x-body-base64")) {
      body = Base64.getDecoder().decode(requiredString(node.get("x-body-base64"), at + ".x-body-base64"));
      displayBody = string(value);
    } else if (node.containsKey("x-body-repeat")) {
      Map<String, Object> repeat = map(node.get("x-body-repeat"), at + ".x-body-repeat");
      checkKeys(repeat, Set.of("prefix", "unit", "times"), at + ".x-body-repeat");
      if (!(repeat.get("times") instanceof Integer times) || times < 1) {
        throw new IllegalArgumentException(at + ".x-body-repeat.times must be a positive integer");
      }
      body = (string(repeat.get("prefix")) == null ? "" : string(repeat.get("prefix")))
          .concat(requiredString(repeat.get("unit"), at + ".x-body-repeat.unit").repeat(times))
          .getBytes(StandardCharsets.UTF_8);
      displayBody = string(value);
    } else if (value == null) {
      body = new byte[0];
      displayBody = null;
    } else if (value instanceof String text) {
      body = text.getBytes(StandardCharsets.UTF_8);
      displayBody = text;
    } else if ("application/json".equals(mediaType)) {
      try {
        body = JSON.writeValueAsBytes(value);
        displayBody = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(at + ".value cannot be written as JSON", e);
      }
    } else {
      throw new IllegalArgumentException(at + ".value must be a string (the body as sent) under " + mediaType);
    }

    String storeName = node.containsKey("x-store") ? requiredString(node.get("x-store"), at + ".x-store") : null;
    if (storeName != null && !STORE_CONDITIONS.contains(storeName)) {
      throw new IllegalArgumentException(at + ".x-store must be one of " + STORE_CONDITIONS);
    }
    Store store = storeName == null ? Store.WORKS
        : storeName.equals("unreachable") ? Store.UNREACHABLE : Store.TABLE_MISSING;
    Map<String, String> before = node.containsKey("x-stored-before")
        ? stored(node.get("x-stored-before"), at + ".x-stored-before")
        : defaultStored;
    Map<String, String> after = node.containsKey("x-stored-after")
        ? stored(node.get("x-stored-after"), at + ".x-stored-after")
        : null;
    String query = node.containsKey("x-query") ? requiredString(node.get("x-query"), at + ".x-query") : null;
    return new RequestExample(name, string(node.get("summary")), string(node.get("description")), mediaType,
        headers, body, displayBody, query, store, before, after, response);
  }

  /** Webhook settings: exactly the three fields, each a string or null. */
  private static Map<String, String> stored(Object value, String where) {
    Map<String, Object> given = map(value, where);
    if (!given.keySet().equals(new LinkedHashSet<>(WEBHOOK_FIELDS))) {
      throw new IllegalArgumentException(where + " must give exactly " + WEBHOOK_FIELDS + " (null when unset)");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String field : WEBHOOK_FIELDS) {
      Object v = given.get(field);
      settings.put(field, v == null ? null : requiredString(v, where + "." + field));
    }
    return Collections.unmodifiableMap(settings);
  }

  private static void checkKeys(Map<String, Object> node, Set<String> allowed, String where) {
    for (String key : node.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown field '" + key + "' (allowed: " + allowed + ")");
      }
    }
  }

  /** The whole document as parsed (maps keep the document's order; {@code $ref}s not followed). */
  public Map<String, Object> root() {
    return root;
  }

  /** Every operation, in document order. */
  public List<Operation> operations() {
    return operations;
  }

  /** {@code node} with its {@code $ref} followed (repeatedly); other nodes as they are. */
  public Object resolve(Object node) {
    return new Resolver(root).resolve(node, "a node");
  }

  /** A value under {@code root} by JSON pointer ({@code #/components/schemas/X}). */
  public Object pointer(String ref) {
    return new Resolver(root).pointer(ref, ref);
  }

  /** Follows {@code $ref: '#/...'} (local references only, as this document uses). */
  private static final class Resolver {
    private final Map<String, Object> root;

    Resolver(Map<String, Object> root) {
      this.root = root;
    }

    Object resolve(Object node, String where) {
      Object current = node;
      for (int hops = 0; current instanceof Map<?, ?> m && m.containsKey("$ref"); hops++) {
        if (hops > 20) {
          throw new IllegalArgumentException(where + ": $ref loop");
        }
        current = pointer(requiredString(m.get("$ref"), where + ".$ref"), where);
      }
      return current;
    }

    Map<String, Object> map(Object node, String where) {
      return OpenApiDocument.map(resolve(node, where), where);
    }

    Object pointer(String ref, String where) {
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException(where + ": only local $refs (#/...) are supported, not " + ref);
      }
      Object current = root;
      for (String token : ref.substring(2).split("/", -1)) {
        String key = token.replace("~1", "/").replace("~0", "~");
        if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
          throw new IllegalArgumentException(where + ": $ref " + ref + " points at nothing");
        }
        current = m.get(key);
      }
      return current;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String where) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), v)); // status codes may parse as integers
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException(where + " must be a mapping");
  }

  static List<?> list(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(where + " must be a list");
  }

  private static String requiredString(Object value, String where) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(where + " must be a string" + (value == null ? "" : ", not " + value));
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
