package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Map;

/** A handler's answer, with the JSON body parsed on demand. */
public record Response(int status, Map<String, String> headers, String body) {
  /** The answer; a {@code webhook_pass} it returns is recorded in the {@link SecretLedger}. */
  public static Response of(APIGatewayProxyResponseEvent event) {
    Response response = new Response(event.getStatusCode(), event.getHeaders(), event.getBody());
    if (response.body() != null && response.body().contains("\"webhook_pass\":\"")) {
      SecretLedger.password(response.json().at("/data/webhook_pass").asText(null));
    }
    return response;
  }

  /**
   * The answer from a Lambda entry's response bytes, read with the Lambda runtime's own serializer (what API
   * Gateway's Lambda integration reads, for this purpose).
   */
  public static Response ofJson(byte[] json) {
    return of(RuntimeSerializers.RESPONSES.fromJson(new ByteArrayInputStream(json)));
  }

  public JsonNode json() {
    return ApiFixture.parse(body);
  }

  public String message() {
    return json().path("message").asText(null);
  }
}
