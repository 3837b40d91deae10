package com.web3crm.webhook.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.store.WebhookSettings;
import java.util.Map;

/**
 * Every response shape of the API, in one place. All responses are JSON with
 * {@code Content-Type: application/json; charset=utf-8} and {@code Cache-Control: no-store} (a GET answer holds
 * a password, and no answer here is worth caching), so the three "invalid credentials" cases are byte-identical.
 */
public final class ApiResponses {
  private ApiResponses() {}

  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", CONTENT_TYPE, "Cache-Control", "no-store");

  /** {@code 200 {"status": true, "message": "updated"}} */
  public static APIGatewayProxyResponseEvent updated() {
    return json(200, "{\"status\":true,\"message\":\"updated\"}");
  }

  /** {@code 200 {"status": true, "data": {"webhook": ..., "webhook_pass": ..., "webhook_login": ...}}}; unset → null. */
  public static APIGatewayProxyResponseEvent webhook(WebhookSettings settings) {
    return json(
        200,
        "{\"status\":true,\"data\":{\"webhook\":" + Json.quote(settings.webhook())
            + ",\"webhook_pass\":" + Json.quote(settings.webhookPass())
            + ",\"webhook_login\":" + Json.quote(settings.webhookLogin()) + "}}");
  }

  /** {@code 400 {"status": false, "message": ..., "detail": ...}} ({@code detail} only when there is one). */
  public static APIGatewayProxyResponseEvent clientError(ClientError error) {
    return json(
        400,
        "{\"status\":false,\"message\":" + Json.quote(error.message())
            + (error.detail() == null ? "" : ",\"detail\":" + Json.quote(error.detail())) + "}");
  }

  /**
   * {@code 503} (DynamoDB unreachable or throttled) or {@code 500} (anything else), with
   * {@code {"status": false, "message": "internal error", "request_id": ...}} and never a stack trace.
   */
  public static APIGatewayProxyResponseEvent internalError(boolean unavailable, String requestId) {
    return json(
        unavailable ? 503 : 500,
        "{\"status\":false,\"message\":\"" + ErrorMessages.INTERNAL_ERROR + "\",\"request_id\":"
            + Json.quote(requestId) + "}");
  }

  private static APIGatewayProxyResponseEvent json(int status, String body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(HEADERS)
        .withIsBase64Encoded(false)
        .withBody(body);
  }
}
