package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A handler's answer, with the JSON body parsed on demand. */
public record Response(int status, Map<String, String> headers, String body) {
  public static Response of(APIGatewayProxyResponseEvent event) {
    return new Response(event.getStatusCode(), event.getHeaders(), event.getBody());
  }

  public JsonNode json() {
    return ApiFixture.parse(body);
  }

  public String message() {
    return json().path("message").asText(null);
  }
}
