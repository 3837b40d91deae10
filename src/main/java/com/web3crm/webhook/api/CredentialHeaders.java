package com.web3crm.webhook.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

/**
 * The credential rule of both routes: headers {@code api_key} and {@code api_secret} (any case), trimmed;
 * either absent or empty → {@code 400 api_key or api_secret missing}. Never read from the query string.
 */
public final class CredentialHeaders {
  private CredentialHeaders() {}

  public static final String API_KEY = "api_key";
  public static final String API_SECRET = "api_secret";

  /** @throws ClientError when a credential header is missing, empty or ambiguous */
  public static Credentials require(APIGatewayProxyRequestEvent event) {
    String key = RequestHeaders.single(event, API_KEY);
    String secret = RequestHeaders.single(event, API_SECRET);
    if (key == null || key.isEmpty() || secret == null || secret.isEmpty()) {
      throw new ClientError(
          ErrorMessages.CREDENTIALS_MISSING,
          "send both headers api_key and api_secret (a proxy that drops headers with underscores removes them)");
    }
    return new Credentials(key, secret);
  }
}
