package com.web3crm.webhook.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.web3crm.webhook.api.RequestHeaders;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What API Gateway (REST API, Lambda proxy integration, payload v1) does on either side of a Lambda call, without
 * any HTTP server: an HTTP request → the event JSON, and the function's response JSON → the HTTP response.
 *
 * <p>Request → event:
 *
 * <ul>
 *   <li>{@code headers}: one value per name, the last one received; {@code multiValueHeaders}: every value, in
 *       order. Names keep the casing they arrive with ({@link LocalApi} passes them on as the client sent them).
 *       Header lookups must be case-insensitive anyway, as the API contract says.
 *   <li>{@code queryStringParameters} / {@code multiValueQueryStringParameters}: percent-escapes and {@code +}
 *       decoded as API Gateway does; last value / all values; both null when there is no query. A parameter
 *       without {@code =} has the value "". A malformed escape is kept as sent.
 *   <li>{@code path}: as sent (still percent-encoded, as REST APIs pass it); {@code resource}: the template path;
 *       {@code pathParameters}: null unless the template path has {@code {parameters}}; {@code stageVariables}:
 *       null.
 *   <li>{@code body}: null when empty (API Gateway sends null for no body), with {@code isBase64Encoded: false}.
 *       Otherwise what a REST API does with its binary media types (the API's {@code BinaryMediaTypes},
 *       {@link TemplateRoutes#binaryMediaTypes(TemplateRoutes.Route)}):
 *       <ul>
 *         <li>the request's Content-Type matches one of them ({@link #isBinary}) → the exact bytes, base64-encoded,
 *             with {@code isBase64Encoded: true};
 *         <li>else → the bytes decoded as UTF-8 text with {@code isBase64Encoded: false}, invalid UTF-8 replaced by
 *             U+FFFD as API Gateway does (here by Java's decoder: one U+FFFD per maximal invalid subsequence, so
 *             {@code p 0xFF 0xFF ss} arrives as {@code p}, two U+FFFD, {@code ss}). The function cannot tell that
 *             bytes were lost.
 *       </ul>
 *       Matching, as API Gateway matches: the Content-Type's media type without its parameters, compared
 *       case-insensitively with each binary media type; {@code *} as the whole type or subtype is a wildcard
 *       ({@code image/*} matches {@code image/png}); {@code *}{@code /*} matches every Content-Type. The last
 *       Content-Type header counts (the value {@code headers} carries).
 *       <p><b>A request without a Content-Type</b> (or with an empty one) never matches here: its body is passed
 *       as text. This is an assumption. What API Gateway does with such a request when the binary media types
 *       include {@code *}{@code /*} is not documented: the binary-media-type pages speak only of requests
 *       <em>with</em> a Content-Type, while the page on mapping templates and passthrough behavior says a request
 *       without one is treated as {@code application/json} for template selection; if the same default applied
 *       to binary media types, such bodies would arrive base64-encoded in production. Functions must handle both
 *       (the handlers here do).
 *   <li>{@code requestContext}: resourcePath, httpMethod, path, stage {@value #STAGE}, a request id, requestTime
 *       and requestTimeEpoch, protocol, identity (sourceIp, userAgent), accountId, apiId {@value #API_ID},
 *       domainName (the Host header). The local URL has no stage prefix, so {@code requestContext.path} equals
 *       {@code path}.
 * </ul>
 *
 * <p>Response JSON → HTTP response ({@link #toHttpResponse}): it must be a JSON object with only statusCode
 * (required; a number or a numeric string, 100-599), headers (name → string, number or boolean),
 * multiValueHeaders (name → list of those), body (string or null) and isBase64Encoded (boolean or null).
 * Anything else is what API Gateway calls a malformed Lambda proxy response: {@link MalformedResponseException}
 * (→ 502). Headers from both maps are merged (for a name in both, the values of multiValueHeaders plus any
 * value of headers not among them); the body is base64-decoded when isBase64Encoded is true; Content-Type
 * defaults to {@code application/json}, as API Gateway's does.
 */
public final class ApiGatewayEventMapper {
  private ApiGatewayEventMapper() {}

  public static final String STAGE = "local";
  public static final String API_ID = "local";
  public static final String ACCOUNT_ID = LocalContext.ACCOUNT_ID;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final Set<String> RESPONSE_KEYS =
      Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

  /** One header line, as received or to be sent. {@link #toString} shows only the name: values carry secrets. */
  public record Header(String name, String value) {
    @Override
    public String toString() {
      return name + ": (" + (value == null ? 0 : value.length()) + " chars)";
    }
  }

  /**
   * An HTTP request as received.
   *
   * @param rawPath the path, still percent-encoded
   * @param rawQuery the query after {@code ?}, still percent-encoded; null when the URL has no {@code ?}
   * @param headers every header line in order, names as received
   * @param body the body bytes (empty when none)
   * @param protocol e.g. {@code HTTP/1.1}
   */
  public record HttpRequest(
      String method,
      String rawPath,
      String rawQuery,
      List<Header> headers,
      byte[] body,
      String sourceIp,
      String protocol) {
    public HttpRequest {
      headers = List.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }

    /** Method, path and header names only: header values, the query and the body may carry secrets. */
    @Override
    public String toString() {
      return "HttpRequest[" + method + " " + rawPath + (rawQuery == null ? "" : "?(query)") + " " + protocol
          + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }
  }

  /** An HTTP response to send: status, header lines, body bytes. */
  public record HttpResponse(int status, List<Header> headers, byte[] body) {
    public HttpResponse {
      headers = List.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
      return headers.stream().filter(h -> RequestHeaders.sameName(name, h.name())).map(Header::value).findFirst()
          .orElse(null);
    }
  }

  /** The function's response is not a valid proxy response; API Gateway answers 502. */
  public static final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
      super(message);
    }
  }

  /**
   * {@link #toEvent(HttpRequest, String, Map, List, String, Instant)} for an API without binary media types: every
   * body is passed as text.
   */
  public static ObjectNode toEvent(
      HttpRequest request,
      String resource,
      Map<String, String> pathParameters,
      String requestId,
      Instant requestTime) {
    return toEvent(request, resource, pathParameters, List.of(), requestId, requestTime);
  }

  /**
   * The proxy event API Gateway would send for {@code request} on the route with template path {@code resource}.
   *
   * @param pathParameters the template path's parameters; empty or null → {@code pathParameters: null}
   * @param binaryMediaTypes the API's binary media types, un-escaped ({@code image/png}, {@code *}{@code /*}); a
   *     body whose Content-Type matches one of them is passed base64-encoded, any other as text
   */
  public static ObjectNode toEvent(
      HttpRequest request,
      String resource,
      Map<String, String> pathParameters,
      List<String> binaryMediaTypes,
      String requestId,
      Instant requestTime) {
    ObjectNode event = JSON.createObjectNode();
    event.put("resource", resource);
    event.put("path", request.rawPath());
    event.put("httpMethod", request.method());

    Map<String, String> single = new LinkedHashMap<>();
    Map<String, List<String>> multi = new LinkedHashMap<>();
    for (Header header : request.headers()) {
      single.remove(header.name()); // keep the map in order of last occurrence
      single.put(header.name(), header.value());
      multi.computeIfAbsent(header.name(), k -> new ArrayList<>()).add(header.value());
    }
    putSingle(event, "headers", single);
    putMulti(event, "multiValueHeaders", multi);

    Map<String, List<String>> query = parseQuery(request.rawQuery());
    if (query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
    } else {
      Map<String, String> last = new LinkedHashMap<>();
      query.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
      putSingle(event, "queryStringParameters", last);
      putMulti(event, "multiValueQueryStringParameters", query);
    }
    if (pathParameters == null || pathParameters.isEmpty()) {
      event.putNull("pathParameters");
    } else {
      putSingle(event, "pathParameters", pathParameters);
    }
    event.putNull("stageVariables");

    ObjectNode context = event.putObject("requestContext");
    context.put("resourceId", "local");
    context.put("resourcePath", resource);
    context.put("httpMethod", request.method());
    context.put("requestTime", REQUEST_TIME.format(requestTime));
    context.put("path", request.rawPath());
    context.put("accountId", ACCOUNT_ID);
    context.put("protocol", request.protocol() == null ? "HTTP/1.1" : request.protocol());
    context.put("stage", STAGE);
    context.put("requestTimeEpoch", requestTime.toEpochMilli());
    context.put("requestId", requestId);
    ObjectNode identity = context.putObject("identity");
    identity.put("sourceIp", request.sourceIp());
    identity.put("userAgent", lastValue(single, "User-Agent"));
    context.put("domainName", lastValue(single, "Host"));
    context.put("apiId", API_ID);

    byte[] body = request.body();
    if (body.length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
    } else if (isBinary(lastValue(single, "Content-Type"), binaryMediaTypes)) {
      event.put("body", Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", true);
    } else {
      // what API Gateway does with text: invalid UTF-8 becomes U+FFFD (the decoder's REPLACE action)
      event.put("body", new String(body, StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** {@link #toEvent(HttpRequest, String, Map, String, Instant)} as JSON bytes (no binary media types). */
  public static byte[] toEventJson(
      HttpRequest request,
      String resource,
      Map<String, String> pathParameters,
      String requestId,
      Instant requestTime) {
    return toEventJson(request, resource, pathParameters, List.of(), requestId, requestTime);
  }

  /** {@link #toEvent(HttpRequest, String, Map, List, String, Instant)} as JSON bytes: what the runtime receives. */
  public static byte[] toEventJson(
      HttpRequest request,
      String resource,
      Map<String, String> pathParameters,
      List<String> binaryMediaTypes,
      String requestId,
      Instant requestTime) {
    try {
      return JSON.writeValueAsBytes(
          toEvent(request, resource, pathParameters, binaryMediaTypes, requestId, requestTime));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * True when API Gateway passes a body with this Content-Type base64-encoded: its media type (parameters
   * dropped, case ignored) matches one of {@code binaryMediaTypes}, where {@code *} as the whole type or subtype
   * matches anything and {@code *}{@code /*} matches every Content-Type, even one without a {@code /}.
   *
   * @param contentType the request's Content-Type; null or blank (no Content-Type) never matches, an assumption
   *     explained in the class comment
   */
  public static boolean isBinary(String contentType, List<String> binaryMediaTypes) {
    String mediaType = mediaType(contentType);
    if (mediaType.isEmpty() || binaryMediaTypes == null) {
      return false;
    }
    int slash = mediaType.indexOf('/');
    for (String binary : binaryMediaTypes) {
      String pattern = mediaType(binary);
      if (pattern.equals("*/*")) {
        return true;
      }
      int patternSlash = pattern.indexOf('/');
      if (slash < 0 || patternSlash < 0) {
        if (pattern.equals(mediaType)) {
          return true;
        }
        continue;
      }
      String type = pattern.substring(0, patternSlash);
      String subtype = pattern.substring(patternSlash + 1);
      if ((type.equals("*") || type.equals(mediaType.substring(0, slash)))
          && (subtype.equals("*") || subtype.equals(mediaType.substring(slash + 1)))) {
        return true;
      }
    }
    return false;
  }

  /** {@code "Text/HTML ; charset=x"} → {@code "text/html"}; null → "". */
  private static String mediaType(String value) {
    if (value == null) {
      return "";
    }
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Query string → name → values, decoded like API Gateway: {@code %XX} escapes (UTF-8) and {@code +} as space.
   * Empty pairs ({@code a=1&&b=2}) are skipped; a malformed escape leaves that part as sent.
   */
  public static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  /** Percent-decodes a path segment (path parameters); {@code +} stays {@code +}. Malformed → as sent. */
  public static String decodePathSegment(String raw) {
    return decode(raw.replace("+", "%2B"), raw);
  }

  /**
   * The HTTP response API Gateway makes of the function's response JSON.
   *
   * @throws MalformedResponseException when it is not a valid proxy response (API Gateway: 502)
   */
  public static HttpResponse toHttpResponse(byte[] responseJson) throws MalformedResponseException {
    JsonNode root;
    try {
      root = JSON.readTree(responseJson);
    } catch (IOException e) {
      throw new MalformedResponseException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedResponseException("not a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!RESPONSE_KEYS.contains(name)) {
        throw new MalformedResponseException("unexpected field " + name);
      }
    }
    int status = statusCode(root.get("statusCode"));

    Map<String, List<String>> merged = new LinkedHashMap<>();
    JsonNode multi = root.get("multiValueHeaders");
    if (multi != null && !multi.isNull()) {
      if (!multi.isObject()) {
        throw new MalformedResponseException("multiValueHeaders is not an object");
      }
      for (Map.Entry<String, JsonNode> entry : multi.properties()) {
        JsonNode values = entry.getValue();
        if (values.isNull()) {
          continue;
        }
        if (!values.isArray()) {
          throw new MalformedResponseException("multiValueHeaders." + entry.getKey() + " is not a list");
        }
        for (JsonNode value : values) {
          if (!value.isNull()) {
            merged.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(scalar(value, entry.getKey()));
          }
        }
      }
    }
    JsonNode headers = root.get("headers");
    if (headers != null && !headers.isNull()) {
      if (!headers.isObject()) {
        throw new MalformedResponseException("headers is not an object");
      }
      for (Map.Entry<String, JsonNode> entry : headers.properties()) {
        if (entry.getValue().isNull()) {
          continue;
        }
        String value = scalar(entry.getValue(), entry.getKey());
        String existing = merged.keySet().stream().filter(n -> RequestHeaders.sameName(entry.getKey(), n)).findFirst()
            .orElse(entry.getKey());
        List<String> values = merged.computeIfAbsent(existing, k -> new ArrayList<>());
        if (!values.contains(value)) {
          values.add(value);
        }
      }
    }
    List<Header> out = new ArrayList<>();
    merged.forEach((name, values) -> values.forEach(v -> out.add(new Header(name, v))));
    if (out.stream().noneMatch(h -> RequestHeaders.sameName("Content-Type", h.name()))) {
      out.add(new Header("Content-Type", "application/json"));
    }

    JsonNode base64 = root.get("isBase64Encoded");
    if (base64 != null && !base64.isNull() && !base64.isBoolean()) {
      throw new MalformedResponseException("isBase64Encoded is not a boolean");
    }
    JsonNode body = root.get("body");
    byte[] bytes;
    if (body == null || body.isNull()) {
      bytes = new byte[0];
    } else if (!body.isTextual()) {
      throw new MalformedResponseException("body is not a string");
    } else if (base64 != null && base64.asBoolean()) {
      try {
        bytes = Base64.getDecoder().decode(body.textValue().replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw new MalformedResponseException("body is not valid base64");
      }
    } else {
      bytes = body.textValue().getBytes(StandardCharsets.UTF_8);
    }
    return new HttpResponse(status, out, bytes);
  }

  private static int statusCode(JsonNode node) throws MalformedResponseException {
    int status;
    if (node != null && node.isInt()) {
      status = node.intValue();
    } else if (node != null && node.isTextual() && node.textValue().matches("\\d{3}")) {
      status = Integer.parseInt(node.textValue());
    } else {
      throw new MalformedResponseException("statusCode is missing or not an integer");
    }
    if (status < 100 || status > 599) {
      throw new MalformedResponseException("statusCode " + status + " is out of range");
    }
    return status;
  }

  private static String scalar(JsonNode value, String name) throws MalformedResponseException {
    JsonNodeType type = value.getNodeType();
    if (type == JsonNodeType.STRING || type == JsonNodeType.NUMBER || type == JsonNodeType.BOOLEAN) {
      return value.asText();
    }
    throw new MalformedResponseException("header " + name + " has a non-scalar value");
  }

  private static void putSingle(ObjectNode event, String field, Map<String, String> values) {
    if (values.isEmpty()) {
      event.putNull(field);
      return;
    }
    ObjectNode node = event.putObject(field);
    values.forEach(node::put);
  }

  private static void putMulti(ObjectNode event, String field, Map<String, List<String>> values) {
    if (values.isEmpty()) {
      event.putNull(field);
      return;
    }
    ObjectNode node = event.putObject(field);
    values.forEach(
        (name, list) -> {
          ArrayNode array = node.putArray(name);
          list.forEach(array::add);
        });
  }

  /** The value of the last header named {@code name} in any case, or null. */
  private static String lastValue(Map<String, String> headers, String name) {
    String found = null;
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (RequestHeaders.sameName(name, entry.getKey())) {
        found = entry.getValue();
      }
    }
    return found;
  }

  private static String decode(String raw) {
    return decode(raw, raw);
  }

  private static String decode(String raw, String fallback) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
