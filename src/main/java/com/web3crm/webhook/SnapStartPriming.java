package com.web3crm.webhook;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.body.RequestBody;
import java.util.Map;

/**
 * What the functions run before a SnapStart snapshot is taken ({@code org.crac} {@code beforeCheckpoint}), so the
 * first request after a restore finds the request path's classes loaded and initialized: the runtime's own event
 * (de)serialization ({@link RuntimeSerializationPriming}), header lookup, body decoding in all three encodings, the
 * URL and field rules, one real DynamoDB call, the response.
 *
 * <p>Safe by construction:
 * <ul>
 *   <li>it writes nothing: the key below is never issued (issued keys start with {@code ck_}), so the POST's
 *       conditional UpdateItem fails its condition and DynamoDB creates no item; the GET reads nothing;
 *   <li>it generates nothing random (fixed key, secret and bodies), so no random state is frozen into the
 *       snapshot and shared by every restored instance;
 *   <li>it logs nothing and cannot fail the snapshot: the handlers never throw, and a store that is down only
 *       makes the call answer 503 within the SDK's call timeout.
 * </ul>
 */
public final class SnapStartPriming {
  /**
   * Never issued: the admin tool's keys are {@code ck_} + random, and {@code bin/collections import} refuses this
   * one (public for that check).
   */
  public static final String KEY = "snapstart-priming-never-issued";
  static final String SECRET = "snapstart-priming-not-a-secret";

  private static final String FORM_BODY =
      "webhook=https%3A%2F%2FHooks.Example.com%3A443%2Fpriming%3Fa%3D1&webhook_login=priming&webhook_pass=p%C3%A4ss";
  private static final String JSON_BODY =
      "{\"webhook\":\"https://b\\u00fccher.example/priming\",\"webhook_login\":\"priming\",\"webhook_pass\":null}";
  private static final String MULTIPART_BOUNDARY = "snapstartPrimingBoundary";
  private static final String MULTIPART_BODY =
      "--" + MULTIPART_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"webhook_login\"\r\n\r\npriming\r\n--"
          + MULTIPART_BOUNDARY + "--\r\n";

  private SnapStartPriming() {}

  /**
   * Primes the runtime's event (de)serialization, decodes a JSON and a multipart body (no store call), then sends one POST with a form body through the
   * handler: one conditional UpdateItem on the never-issued key.
   */
  static APIGatewayProxyResponseEvent primeRegister(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
    RuntimeSerializationPriming.prime(handler.getClass().getClassLoader());
    decodeQuietly(JSON_BODY, "application/json; charset=utf-8");
    decodeQuietly(MULTIPART_BODY, "multipart/form-data; boundary=" + MULTIPART_BOUNDARY);
    return handler.handleRequest(
        event("POST", "/crm_register_webhook", "application/x-www-form-urlencoded", FORM_BODY), CONTEXT);
  }

  /** The runtime's event (de)serialization, then one GET through the handler: one consistent GetItem on the never-issued key. */
  static APIGatewayProxyResponseEvent primeGet(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
    RuntimeSerializationPriming.prime(handler.getClass().getClassLoader());
    return handler.handleRequest(event("GET", "/crm_get_webhook", null, null), CONTEXT);
  }

  private static void decodeQuietly(String body, String contentType) {
    try {
      RequestBody.decodeFields(body, false, contentType);
    } catch (ClientError e) {
      // cannot happen with the fixed bodies above; priming must not fail either way
    }
  }

  private static APIGatewayProxyRequestEvent event(String method, String path, String contentType, String body) {
    Map<String, String> headers =
        contentType == null
            ? Map.of("api_key", KEY, "api_secret", SECRET)
            : Map.of("api_key", KEY, "api_secret", SECRET, "Content-Type", contentType);
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod(method)
        .withPath(path)
        .withResource(path)
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false);
  }

  /** A Lambda context for priming: a fixed request id, and a logger that drops the line (no metrics, no noise). */
  private static final Context CONTEXT =
      new Context() {
        private final LambdaLogger silent =
            new LambdaLogger() {
              @Override
              public void log(String message) {}

              @Override
              public void log(byte[] message) {}
            };

        @Override
        public String getAwsRequestId() {
          return "snapstart-priming";
        }

        @Override
        public String getLogGroupName() {
          return null;
        }

        @Override
        public String getLogStreamName() {
          return null;
        }

        @Override
        public String getFunctionName() {
          return null;
        }

        @Override
        public String getFunctionVersion() {
          return null;
        }

        @Override
        public String getInvokedFunctionArn() {
          return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
          return null;
        }

        @Override
        public ClientContext getClientContext() {
          return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
          return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
          return 0;
        }

        @Override
        public LambdaLogger getLogger() {
          return silent;
        }
      };
}
