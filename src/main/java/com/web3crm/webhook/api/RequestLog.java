package com.web3crm.webhook.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Locale;

/**
 * One structured JSON log line per request: request id, route, status, reason (for errors), latency.
 *
 * <p>It is built only from values the code chose (route, status, the fixed part of an error message, an
 * exception's class name): never from headers, the body, a secret or a password, so nothing a client sends can
 * reach the log.
 */
public final class RequestLog {
  private RequestLog() {}

  public static void write(
      Context context, String route, int status, String reason, long startNanos) {
    double latencyMs = (System.nanoTime() - startNanos) / 1_000_000.0;
    String line =
        "{\"level\":\"" + (status >= 500 ? "ERROR" : "INFO") + "\""
            + ",\"request_id\":" + Json.quote(requestId(context))
            + ",\"route\":" + Json.quote(route)
            + ",\"status\":" + status
            + (reason == null ? "" : ",\"reason\":" + Json.quote(reason))
            + ",\"latency_ms\":" + String.format(Locale.ROOT, "%.3f", latencyMs)
            + "}";
    LambdaLogger logger = context == null ? null : context.getLogger();
    if (logger != null) {
      logger.log(line, status >= 500 ? LogLevel.ERROR : LogLevel.INFO);
    } else {
      System.out.println(line);
    }
  }

  /** The Lambda request id, or {@code "unknown"} when there is no context (direct calls in tests). */
  public static String requestId(Context context) {
    String id = context == null ? null : context.getAwsRequestId();
    return id == null ? "unknown" : id;
  }

  /**
   * The fixed part of a client error's message: the text before the first {@code ':'}. Messages such as
   * {@code unknown field: NAME} carry client input after the colon, which stays out of the log.
   */
  public static String reasonOf(ClientError error) {
    String message = error.message();
    int colon = message.indexOf(':');
    return colon < 0 ? message : message.substring(0, colon);
  }
}
