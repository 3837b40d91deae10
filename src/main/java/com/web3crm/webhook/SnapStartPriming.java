package com.web3crm.webhook;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.Json;
import com.web3crm.webhook.body.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the functions run before a SnapStart snapshot is taken ({@code org.crac} {@code beforeCheckpoint}), so the
 * first request after a restore finds the request path's classes loaded and initialized: reading the event's JSON
 * bytes, header lookup, body decoding in all three encodings, the URL and field rules, one real DynamoDB call,
 * writing the response's JSON bytes — the handlers' own Lambda entry, as the runtime calls it.
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
   * Decodes a JSON and a multipart body (no store call), then sends one POST with a form body through the
   * handler's Lambda entry, event bytes to response bytes: one conditional UpdateItem on the never-issued key.
   */
  static byte[] primeRegister(RequestStreamHandler handler) {
    decodeQuietly(JSON_BODY, "application/json; charset=utf-8");
    decodeQuietly(MULTIPART_BODY, "multipart/form-data; boundary=" + MULTIPART_BOUNDARY);
    return invoke(handler, event("POST", "/crm_register_webhook", "application/x-www-form-urlencoded", FORM_BODY));
  }

  /** One GET through the handler's Lambda entry, event bytes to response bytes: one GetItem on the never-issued key. */
  static byte[] primeGet(RequestStreamHandler handler) {
    return invoke(handler, event("GET", "/crm_get_webhook", null, null));
  }

  /** The response bytes; never throws (the handlers answer every event, and priming must not fail a snapshot). */
  private static byte[] invoke(RequestStreamHandler handler, String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, CONTEXT);
    } catch (IOException | RuntimeException e) {
      // cannot happen with a byte array stream and these events; priming must not fail either way
    }
    return out.toByteArray();
  }

  private static void decodeQuietly(String body, String contentType) {
    try {
      RequestBody.decodeFields(body, false, contentType);
    } catch (ClientError e) {
      // cannot happen with the fixed bodies above; priming must not fail either way
    }
  }

  /** A proxy event as API Gateway sends it, with the credential headers (and a Content-Type when given). */
  private static String event(String method, String path, String contentType, String body) {
    String headers = "{\"api_key\":" + Json.quote(KEY) + ",\"api_secret\":" + Json.quote(SECRET)
        + (contentType == null ? "" : ",\"Content-Type\":" + Json.quote(contentType)) + "}";
    String multiValueHeaders = "{\"api_key\":[" + Json.quote(KEY) + "],\"api_secret\":[" + Json.quote(SECRET) + "]"
        + (contentType == null ? "" : ",\"Content-Type\":[" + Json.quote(contentType) + "]") + "}";
    return "{\"resource\":" + Json.quote(path) + ",\"path\":" + Json.quote(path) + ",\"httpMethod\":"
        + Json.quote(method) + ",\"headers\":" + headers + ",\"multiValueHeaders\":" + multiValueHeaders
        + ",\"queryStringParameters\":null,\"requestContext\":{\"requestId\":\"snapstart-priming\",\"stage\":\"live\"},"
        + "\"body\":" + Json.quote(body) + ",\"isBase64Encoded\":false}";
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
