package com.web3crm.webhook.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;

/**
 * The log record of one request: what the store learns while answering it (the time of its one DynamoDB call, the
 * collection the credentials belong to), then one JSON line when the answer is known. That line is both the
 * request's structured log entry and a CloudWatch Embedded Metric Format document, so CloudWatch Logs turns it
 * into metrics with no agent and no SDK (docs/OBSERVABILITY.md shows an example and every field).
 *
 * <p>Only values the code chose reach the line: the route, the status, the fixed part of an error message (never
 * the part after a colon, which may quote client input), an exception's class name, the collection id stored in
 * the table, durations, the Lambda request id. Never headers, the body, the api_key, the api_secret or its hash,
 * or a webhook password.
 *
 * <p>It is written with {@link LambdaLogger#log(byte[], LogLevel)}: the Lambda Java runtime passes a byte array
 * through unformatted, as one log event, after its log-level filter, in both log formats; a {@code String} would be
 * wrapped as the {@code "message"} of the runtime's own JSON object when the function uses the JSON log format, and
 * CloudWatch extracts metrics only from a log event whose top-level object holds {@code "_aws"}
 * ({@code RuntimeLogPathTest} checks both against the runtime's own logger classes).
 */
public final class RequestLog {
  /** Metric names: every request counts 1 in {@link #REQUESTS} and 0 or 1 in each error count. */
  public static final String REQUESTS = "Requests";
  public static final String CLIENT_ERRORS = "ClientErrors";
  public static final String SERVER_ERRORS = "ServerErrors";
  public static final String LATENCY = "Latency";
  public static final String DYNAMODB_LATENCY = "DynamoDbLatency";
  /** Dimension names: log fields of the line (EMF dimensions name top-level members). */
  public static final String ROUTE_DIMENSION = "route";
  public static final String REASON_DIMENSION = "reason";

  private final MetricsNamespace namespace;
  private final long startNanos;
  private long dynamoDbNanos = -1;
  private String collectionId;

  /**
   * @param namespace where the line's metrics go (the function's, read once at init)
   * @param startNanos {@link System#nanoTime()} when the request arrived
   */
  public RequestLog(MetricsNamespace namespace, long startNanos) {
    this.namespace = namespace;
    this.startNanos = startNanos;
  }

  /** The store's one DynamoDB call took {@code nanos} (SDK retries included), whatever its outcome. */
  public void dynamoDbCall(long nanos) {
    dynamoDbNanos = dynamoDbNanos < 0 ? Math.max(0, nanos) : dynamoDbNanos + Math.max(0, nanos);
  }

  /** The store found the credentials to be those of the active collection {@code collectionId}. */
  public void authenticated(String collectionId) {
    this.collectionId = collectionId;
  }

  /**
   * Writes the request's line: level ERROR for a 5xx, INFO otherwise; to stdout when there is no context (direct
   * calls in tests).
   *
   * @param reason the fixed part of the error message, or why a 5xx happened; null for a 200
   */
  public void write(Context context, String route, String requestId, int status, String reason) {
    StringBuilder line =
        line(namespace.json(), System.currentTimeMillis(), requestId, route, status, reason, collectionId,
            System.nanoTime() - startNanos, dynamoDbNanos);
    LambdaLogger logger = context == null ? null : context.getLogger();
    if (logger == null) {
      System.out.println(line);
      return;
    }
    // one event per call; the newline ends the line where the runtime writes to stdout instead of its log frames
    byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    logger.log(bytes, status >= 500 ? LogLevel.ERROR : LogLevel.INFO);
  }

  /**
   * The line as {@link #write} writes it (without the newline). Pure: every input is a parameter; tests use it to
   * check the line and that the template's alarms watch metrics it really carries.
   */
  public static String format(
      String namespace,
      long epochMillis,
      String requestId,
      String route,
      int status,
      String reason,
      String collectionId,
      long latencyNanos,
      long dynamoDbNanos) {
    return line(Json.quote(namespace), epochMillis, requestId, route, status, reason, collectionId, latencyNanos,
        dynamoDbNanos).toString();
  }

  /**
   * The log fields, then the metric values as top-level members, then the EMF metadata: metrics per route (every
   * request), and {@code ClientErrors} per route and reason (4xx only: reasons are a fixed set of message parts,
   * so the dimension's values stay few). {@code DynamoDbLatency} and {@code dynamodb_latency_ms} only when a call
   * was made ({@code dynamoDbNanos >= 0}), so averages are over real calls.
   */
  private static StringBuilder line(
      String namespaceJson,
      long epochMillis,
      String requestId,
      String route,
      int status,
      String reason,
      String collectionId,
      long latencyNanos,
      long dynamoDbNanos) {
    boolean serverError = status >= 500;
    boolean clientError = status >= 400 && !serverError;
    boolean called = dynamoDbNanos >= 0;
    StringBuilder b = new StringBuilder(1100);
    b.append("{\"timestamp\":\"");
    appendInstant(b, epochMillis);
    b.append("\",\"level\":\"").append(serverError ? "ERROR" : "INFO")
        .append("\",\"request_id\":").append(Json.quote(requestId))
        .append(",\"route\":").append(Json.quote(route))
        .append(",\"status\":").append(status);
    if (reason != null) {
      b.append(",\"reason\":").append(Json.quote(reason));
    }
    if (collectionId != null) {
      b.append(",\"collection_id\":").append(Json.quote(collectionId));
    }
    b.append(",\"latency_ms\":");
    appendMillis(b, latencyNanos);
    if (called) {
      b.append(",\"dynamodb_latency_ms\":");
      appendMillis(b, dynamoDbNanos);
    }

    b.append(",\"" + REQUESTS + "\":1,\"" + CLIENT_ERRORS + "\":").append(clientError ? 1 : 0)
        .append(",\"" + SERVER_ERRORS + "\":").append(serverError ? 1 : 0)
        .append(",\"" + LATENCY + "\":");
    appendMillis(b, latencyNanos);
    if (called) {
      b.append(",\"" + DYNAMODB_LATENCY + "\":");
      appendMillis(b, dynamoDbNanos);
    }

    b.append(",\"_aws\":{\"Timestamp\":").append(epochMillis)
        .append(",\"CloudWatchMetrics\":[{\"Namespace\":").append(namespaceJson)
        .append(",\"Dimensions\":[[\"" + ROUTE_DIMENSION + "\"]],\"Metrics\":["
            + "{\"Name\":\"" + REQUESTS + "\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"" + CLIENT_ERRORS + "\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"" + SERVER_ERRORS + "\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"" + LATENCY + "\",\"Unit\":\"Milliseconds\"}");
    if (called) {
      b.append(",{\"Name\":\"" + DYNAMODB_LATENCY + "\",\"Unit\":\"Milliseconds\"}");
    }
    b.append("]}");
    if (clientError && reason != null) {
      b.append(",{\"Namespace\":").append(namespaceJson)
          .append(",\"Dimensions\":[[\"" + ROUTE_DIMENSION + "\",\"" + REASON_DIMENSION + "\"]],\"Metrics\":["
              + "{\"Name\":\"" + CLIENT_ERRORS + "\",\"Unit\":\"Count\"}]}");
    }
    return b.append("]}}");
  }

  /** {@code nanos} as milliseconds with three decimals (rounded to the microsecond): {@code 1234567} → {@code 1.235}. */
  static void appendMillis(StringBuilder b, long nanos) {
    long micros = (Math.max(0, nanos) + 500) / 1000;
    long fraction = micros % 1000;
    b.append(micros / 1000).append('.');
    if (fraction < 100) {
      b.append(fraction < 10 ? "00" : "0");
    }
    b.append(fraction);
  }

  /**
   * {@code epochMillis} as an RFC 3339 UTC instant with milliseconds, e.g. {@code 2026-12-03T20:11:05.123Z}, for
   * years 1970 to 9999 (days to civil date: H. Hinnant's algorithm). Cheaper than {@code Instant.toString()} and
   * always the same width.
   */
  static void appendInstant(StringBuilder b, long epochMillis) {
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    long millisOfDay = Math.floorMod(epochMillis, 86_400_000L);
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    pad(b, year, 4).append('-');
    pad(b, month, 2).append('-');
    pad(b, day, 2).append('T');
    pad(b, millisOfDay / 3_600_000, 2).append(':');
    pad(b, millisOfDay / 60_000 % 60, 2).append(':');
    pad(b, millisOfDay / 1000 % 60, 2).append('.');
    pad(b, millisOfDay % 1000, 3).append('Z');
  }

  private static StringBuilder pad(StringBuilder b, long value, int width) {
    for (long limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        b.append('0');
      }
    }
    return b.append(value);
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
