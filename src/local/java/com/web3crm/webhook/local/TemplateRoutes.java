package com.web3crm.webhook.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The functions and API routes of a SAM template (template.yaml): the single source of both for bin/local-api
 * and bin/invoke. Nothing else lists them.
 *
 * <ul>
 *   <li>Functions: every {@code AWS::Serverless::Function}, with {@code Globals.Function} merged under its
 *       {@code Properties} as SAM merges them ({@link SamTemplate#mergedProperties}): logical id → {@code Handler}
 *       ({@code class::method}), Timeout (SAM's default 3 s when absent) and MemorySize (default 128 MB).
 *   <li>Routes: every event of {@code Type: Api} (API Gateway REST, proxy integration v1) of those functions:
 *       method (upper case; {@code ANY} matches every method) + path → function, and the REST API serving it
 *       ({@link Route#restApiId()}). Paths may hold {@code {name}} and {@code {name+}} parameters; a literal path
 *       wins over a templated one. Events of other types ({@code HttpApi}, schedules, queues...) are not served.
 *   <li>The binary media types of each REST API the routes use ({@link #binaryMediaTypes(Route)}): an event's
 *       {@code RestApiId: !Ref X} names an {@code AWS::Serverless::Api} (or {@code AWS::ApiGateway::RestApi}) of
 *       the template, whose {@code Properties.BinaryMediaTypes} count; an event without RestApiId belongs to SAM's
 *       implicit API ({@value #IMPLICIT_API_ID}). For the implicit API and every {@code AWS::Serverless::Api},
 *       {@code Globals.Api.BinaryMediaTypes} comes first (SAM concatenates lists from Globals with the resource's);
 *       with neither, the API has none. SAM's escapes are undone: {@code ~1} → {@code /}, then {@code ~0} →
 *       {@code ~} ({@code '*~1*'} is {@code *}{@code /*}). The list must hold plain strings: intrinsics are not
 *       evaluated, so one there is refused rather than guessed.
 * </ul>
 *
 * <p>The template is read by {@link SamTemplate} (CloudFormation short-form tags as their long form, intrinsics not
 * evaluated), which also applies {@code Globals.Function} to each function the way SAM does.
 */
public final class TemplateRoutes {
  /** SAM's defaults when neither the function nor Globals set them. */
  static final int DEFAULT_TIMEOUT_SECONDS = 3;
  static final int DEFAULT_MEMORY_MB = 128;
  /** The logical id SAM gives the API it creates for Api events without a RestApiId. */
  public static final String IMPLICIT_API_ID = "ServerlessRestApi";

  /** A function of the template. */
  public record FunctionDef(String logicalId, String handler, int timeoutSeconds, int memorySizeMb) {
    /** The handler's class name: the part before {@code ::} (the whole string when there is none). */
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }

    /** The handler's method name: the part after {@code ::}, {@code handleRequest} when there is none. */
    public String handlerMethod() {
      int separator = handler.indexOf("::");
      return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    }
  }

  /**
   * An {@code Api} event: {@code method} ({@code GET}, {@code POST}, ... or {@code ANY}) on {@code path}, served by
   * the REST API with logical id {@code restApiId} ({@value #IMPLICIT_API_ID} for SAM's implicit API).
   */
  public record Route(String method, String path, String functionLogicalId, String eventId, String restApiId) {
    public Route {
      restApiId = restApiId == null ? IMPLICIT_API_ID : restApiId;
    }

    /** A route of SAM's implicit API. */
    public Route(String method, String path, String functionLogicalId, String eventId) {
      this(method, path, functionLogicalId, eventId, IMPLICIT_API_ID);
    }

    /** True when {@code path} holds a {@code {parameter}}. */
    public boolean templated() {
      return path.contains("{");
    }

    /** The path parameters when {@code requestPath} matches this route's path, else empty. */
    public Optional<Map<String, String>> match(String requestPath) {
      return matchPath(path, requestPath);
    }
  }

  /** A route matched by a request: the route and its path parameters (empty for a literal path). */
  public record Match(Route route, Map<String, String> pathParameters) {}

  private final Map<String, FunctionDef> functions;
  private final List<Route> routes;
  private final Map<String, List<String>> binaryMediaTypes;

  /** Routes whose APIs have no binary media types. */
  public TemplateRoutes(Map<String, FunctionDef> functions, List<Route> routes) {
    this(functions, routes, Map.of());
  }

  /**
   * @param binaryMediaTypes REST API logical id → its binary media types (un-escaped, e.g. {@code image/png},
   *     {@code *}{@code /*}); an API not in the map has none
   */
  public TemplateRoutes(
      Map<String, FunctionDef> functions, List<Route> routes, Map<String, List<String>> binaryMediaTypes) {
    this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    this.routes = List.copyOf(routes);
    Map<String, List<String>> types = new LinkedHashMap<>();
    binaryMediaTypes.forEach((api, list) -> types.put(api, List.copyOf(list)));
    this.binaryMediaTypes = Collections.unmodifiableMap(types);
    for (Route route : this.routes) {
      if (!this.functions.containsKey(route.functionLogicalId())) {
        throw new IllegalArgumentException("route " + route + " names an unknown function");
      }
    }
  }

  /** Reads {@code templateFile}. */
  public static TemplateRoutes load(Path templateFile) throws IOException {
    SamTemplate template = SamTemplate.load(templateFile);
    try {
      return of(template);
    } catch (IllegalArgumentException e) {
      throw new IOException(templateFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code template.yaml} of {@code projectDir}. */
  public static TemplateRoutes loadProject(Path projectDir) throws IOException {
    return load(projectDir.resolve("template.yaml"));
  }

  /**
   * Parses a SAM template.
   *
   * @throws IllegalArgumentException when it is not valid YAML, or a function has no Handler, or an Api event
   *     has no Path or Method, or its RestApiId is not a {@code Ref} to a REST API of the template, or a
   *     BinaryMediaTypes is not a list of strings
   */
  public static TemplateRoutes parse(String yamlText) {
    return of(SamTemplate.parse(yamlText));
  }

  /**
   * The functions and routes of a template already read.
   *
   * @throws IllegalArgumentException as {@link #parse}
   */
  public static TemplateRoutes of(SamTemplate template) {
    Map<String, Object> resources = template.resources();
    List<String> globalBinaryTypes =
        mediaTypes(template.globals("Api").get("BinaryMediaTypes"), "Globals.Api.BinaryMediaTypes");

    Map<String, FunctionDef> functions = new LinkedHashMap<>();
    List<Route> routes = new ArrayList<>();
    Map<String, List<String>> binaryMediaTypes = new LinkedHashMap<>();
    for (String id : template.resourcesOfType("AWS::Serverless::Function")) {
      Map<String, Object> properties = template.mergedProperties(id);
      Object handler = properties.get("Handler");
      if (!(handler instanceof String h) || h.isBlank()) {
        throw new IllegalArgumentException(id + " has no Handler");
      }
      functions.put(
          id,
          new FunctionDef(
              id,
              h.strip(),
              integer(properties.get("Timeout"), DEFAULT_TIMEOUT_SECONDS),
              integer(properties.get("MemorySize"), DEFAULT_MEMORY_MB)));
      for (Map.Entry<String, Object> event : map(properties.get("Events"), id + ".Events").entrySet()) {
        Map<String, Object> eventBody = map(event.getValue(), id + ".Events." + event.getKey());
        if (!"Api".equals(eventBody.get("Type"))) {
          continue;
        }
        Map<String, Object> eventProperties =
            map(eventBody.get("Properties"), id + ".Events." + event.getKey() + ".Properties");
        Object path = eventProperties.get("Path");
        Object method = eventProperties.get("Method");
        if (!(path instanceof String p) || !p.startsWith("/") || !(method instanceof String m) || m.isBlank()) {
          throw new IllegalArgumentException(
              id + ".Events." + event.getKey() + " needs a Path starting with / and a Method");
        }
        String where = id + ".Events." + event.getKey() + ".Properties.RestApiId";
        String api = restApiId(eventProperties.get("RestApiId"), resources, where);
        if (!binaryMediaTypes.containsKey(api)) {
          binaryMediaTypes.put(api, apiBinaryMediaTypes(api, resources, globalBinaryTypes));
        }
        String upper = m.strip().toUpperCase(Locale.ROOT);
        routes.add(
            new Route(upper.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : upper, p, id, event.getKey(), api));
      }
    }
    return new TemplateRoutes(functions, routes, binaryMediaTypes);
  }

  private static final Set<String> REST_API_TYPES = Set.of("AWS::Serverless::Api", "AWS::ApiGateway::RestApi");

  /** The logical id an event's RestApiId refers to; {@value #IMPLICIT_API_ID} when there is none. */
  private static String restApiId(Object value, Map<String, Object> resources, String where) {
    if (value == null) {
      return IMPLICIT_API_ID;
    }
    Object target = value instanceof Map<?, ?> ref && ref.size() == 1 ? ref.get("Ref") : null;
    if (!(target instanceof String id) || !(map(resources.get(id), id).get("Type") instanceof String type)
        || !REST_API_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          where + " must be !Ref to an AWS::Serverless::Api or AWS::ApiGateway::RestApi of the template");
    }
    return id;
  }

  /** Globals.Api's (implicit API and AWS::Serverless::Api only) followed by the API's own, without repeats. */
  private static List<String> apiBinaryMediaTypes(String api, Map<String, Object> resources, List<String> global) {
    Set<String> types = new LinkedHashSet<>();
    if (api.equals(IMPLICIT_API_ID) && !resources.containsKey(IMPLICIT_API_ID)) {
      types.addAll(global);
      return List.copyOf(types);
    }
    Map<String, Object> resource = map(resources.get(api), api);
    if ("AWS::Serverless::Api".equals(resource.get("Type"))) {
      types.addAll(global);
    }
    types.addAll(mediaTypes(
        map(resource.get("Properties"), api + ".Properties").get("BinaryMediaTypes"),
        api + ".Properties.BinaryMediaTypes"));
    return List.copyOf(types);
  }

  /** A BinaryMediaTypes list, SAM escapes undone ({@code ~1} → {@code /}, then {@code ~0} → {@code ~}). */
  private static List<String> mediaTypes(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(where + " must be a list of media types (intrinsics are not evaluated)");
    }
    List<String> types = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(where + " must hold plain strings (intrinsics are not evaluated)");
      }
      types.add(s.strip().replace("~1", "/").replace("~0", "~"));
    }
    return types;
  }

  /** Functions by logical id, in template order. */
  public Map<String, FunctionDef> functions() {
    return functions;
  }

  /** The function with this logical id. */
  public Optional<FunctionDef> function(String logicalId) {
    return Optional.ofNullable(functions.get(logicalId));
  }

  /** All Api routes, in template order. */
  public List<Route> routes() {
    return routes;
  }

  /**
   * The binary media types of the REST API serving {@code route} (un-escaped, in template order; empty when it
   * has none). API Gateway base64-encodes a request body whose Content-Type matches one of them.
   */
  public List<String> binaryMediaTypes(Route route) {
    return binaryMediaTypes(route.restApiId());
  }

  /** The binary media types of the REST API with logical id {@code restApiId}; empty when unknown or none. */
  public List<String> binaryMediaTypes(String restApiId) {
    return binaryMediaTypes.getOrDefault(restApiId, List.of());
  }

  /** REST API logical id → binary media types, for every API some route uses. */
  public Map<String, List<String>> binaryMediaTypesByApi() {
    return binaryMediaTypes;
  }

  /**
   * The route serving {@code method} on {@code requestPath}, with its path parameters: a literal path before a
   * templated one, an exact method before {@code ANY}.
   */
  public Optional<Match> find(String method, String requestPath) {
    String upper = method.toUpperCase(Locale.ROOT);
    Match best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Route route : routes) {
      if (!route.method().equals(upper) && !route.method().equals("ANY")) {
        continue;
      }
      Optional<Map<String, String>> parameters = route.match(requestPath);
      if (parameters.isEmpty()) {
        continue;
      }
      int rank = (route.templated() ? 2 : 0) + (route.method().equals("ANY") ? 1 : 0);
      if (rank < bestRank) {
        best = new Match(route, parameters.get());
        bestRank = rank;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The methods some route serves on {@code requestPath} (for 405 and its Allow header); empty → 404. */
  public Set<String> methodsFor(String requestPath) {
    Set<String> methods = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.match(requestPath).isPresent()) {
        methods.add(route.method());
      }
    }
    return methods;
  }

  static Optional<Map<String, String>> matchPath(String template, String requestPath) {
    if (!template.contains("{")) {
      return template.equals(requestPath) ? Optional.of(Map.of()) : Optional.empty();
    }
    String[] expected = template.substring(1).split("/", -1);
    String[] actual = requestPath.startsWith("/") ? requestPath.substring(1).split("/", -1) : new String[0];
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < expected.length; i++) {
      String segment = expected[i];
      boolean parameter = segment.startsWith("{") && segment.endsWith("}");
      if (parameter && segment.endsWith("+}")) { // greedy: the rest of the path, at least one segment
        if (i >= actual.length || actual[i].isEmpty()) {
          return Optional.empty();
        }
        parameters.put(
            segment.substring(1, segment.length() - 2), String.join("/", List.of(actual).subList(i, actual.length)));
        return Optional.of(parameters);
      }
      if (i >= actual.length) {
        return Optional.empty();
      }
      if (parameter) {
        if (actual[i].isEmpty()) {
          return Optional.empty();
        }
        parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
      } else if (!segment.equals(actual[i])) {
        return Optional.empty();
      }
    }
    return expected.length == actual.length ? Optional.of(parameters) : Optional.empty();
  }

  private static Map<String, Object> map(Object value, String what) {
    return SamTemplate.map(value, what);
  }

  private static int integer(Object value, int fallback) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s && s.strip().matches("\\d+")) {
      return Integer.parseInt(s.strip());
    }
    return fallback;
  }
}
