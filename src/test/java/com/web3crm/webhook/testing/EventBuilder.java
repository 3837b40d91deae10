package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds API Gateway REST (v1) proxy events the way API Gateway fills them: both header maps, body, base64 flag.
 * The secret and body it carries are recorded in the {@link SecretLedger}.
 */
public final class EventBuilder {
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private String body;
  private boolean base64;

  private EventBuilder(String method, String path) {
    this.method = method;
    this.path = path;
  }

  public static EventBuilder post() {
    return new EventBuilder("POST", "/crm_register_webhook");
  }

  public static EventBuilder get() {
    return new EventBuilder("GET", "/crm_get_webhook");
  }

  public String method() {
    return method;
  }

  /** Adds a header value (a second call with the same name adds a second value, as a client repeating it). */
  public EventBuilder header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  public EventBuilder credentials(String apiKey, String apiSecret) {
    SecretLedger.secret(apiSecret);
    return header("api_key", apiKey).header("api_secret", apiSecret);
  }

  public EventBuilder form(String body) {
    return header("Content-Type", "application/x-www-form-urlencoded").body(body);
  }

  public EventBuilder json(String body) {
    return header("Content-Type", "application/json").body(body);
  }

  public EventBuilder body(String body) {
    this.body = body;
    this.base64 = false;
    return this;
  }

  /** The body as API Gateway sends binary payloads: base64 with {@code isBase64Encoded: true}. */
  public EventBuilder base64Body(String body) {
    this.body = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    this.base64 = true;
    return this;
  }

  public APIGatewayProxyRequestEvent build() {
    Map<String, String> single = new LinkedHashMap<>();
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          single.put(name, values.get(values.size() - 1));
          multi.put(name, List.copyOf(values));
        });
    List<String> contentType = headers.get("Content-Type");
    SecretLedger.body(body, base64, contentType == null ? null : contentType.get(contentType.size() - 1));
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod(method)
        .withPath(path)
        .withResource(path)
        .withHeaders(single.isEmpty() ? null : single)
        .withMultiValueHeaders(multi.isEmpty() ? null : multi)
        .withBody(body)
        .withIsBase64Encoded(base64);
  }
}
