package com.web3crm.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of the Lambda Java runtime's own event (de)serialization, the part of a request that happens
 * outside the handler: the runtime turns the event's JSON into an {@link APIGatewayProxyRequestEvent} and the
 * {@link APIGatewayProxyResponseEvent} back into JSON with {@code aws-lambda-java-serialization}'s
 * {@link LambdaEventSerializers}, whose serializers share one Jackson mapper per runtime. Running one event each
 * way through serializers obtained the same way fills that mapper's caches before the snapshot: measured by
 * {@code bin/bench} (BENCHMARKS.md), the first request after a restore otherwise spends about 25 ms there.
 *
 * <p>The library belongs to the runtime: it is on the runtime's class path, the parent of the function's class
 * loader, and not in the artifact ({@code provided} scope). Where it is missing (other runtimes, plain tests)
 * {@link #prime} does nothing and says so.
 */
final class RuntimeSerializationPriming {
  private RuntimeSerializationPriming() {}

  /**
   * Serializes a representative request event and a response, then deserializes the request back.
   *
   * @param functionClassLoader the function's class loader, as the runtime passes it to the serializers
   * @return whether the runtime's serialization library was there and the round trip ran
   */
  static boolean prime(ClassLoader functionClassLoader) {
    try {
      return roundTrip(functionClassLoader);
    } catch (LinkageError | RuntimeException e) { // NOPMD: no runtime library here, or a version without this API
      return false;
    }
  }

  private static boolean roundTrip(ClassLoader loader) {
    PojoSerializer<APIGatewayProxyRequestEvent> requests =
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);
    PojoSerializer<APIGatewayProxyResponseEvent> responses =
        LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader);
    ByteArrayOutputStream json = new ByteArrayOutputStream(2048);
    requests.toJson(requestEvent(), json);
    APIGatewayProxyRequestEvent back = requests.fromJson(new ByteArrayInputStream(json.toByteArray()));
    responses.toJson(
        new APIGatewayProxyResponseEvent()
            .withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
            .withBody("{\"status\":true,\"message\":\"updated\"}")
            .withIsBase64Encoded(false),
        new ByteArrayOutputStream(256));
    return back != null && "GET".equals(back.getHttpMethod());
  }

  /** The shape API Gateway sends (REST API, proxy integration v1), every nested object present. */
  private static APIGatewayProxyRequestEvent requestEvent() {
    Map<String, String> headers = Map.of("Accept", "*/*", "Host", "priming.invalid", "X-Forwarded-Proto", "https");
    return new APIGatewayProxyRequestEvent()
        .withResource("/crm_get_webhook")
        .withPath("/crm_get_webhook")
        .withHttpMethod("GET")
        .withHeaders(headers)
        .withMultiValueHeaders(Map.of("Accept", List.of("*/*"), "Host", List.of("priming.invalid")))
        .withQueryStringParameters(Map.of("q", "1"))
        .withMultiValueQueryStringParameters(Map.of("q", List.of("1")))
        .withPathParameters(Map.of())
        .withStageVariables(Map.of())
        .withRequestContext(
            new ProxyRequestContext()
                .withResourceId("priming")
                .withResourcePath("/crm_get_webhook")
                .withHttpMethod("GET")
                .withPath("/prod/crm_get_webhook")
                .withAccountId("000000000000")
                .withProtocol("HTTP/1.1")
                .withStage("prod")
                .withDomainPrefix("priming")
                .withRequestTime("01/Jan/1970:00:00:00 +0000")
                .withRequestTimeEpoch(0L)
                .withExtendedRequestId("priming")
                .withRequestId("snapstart-priming")
                .withIdentity(new RequestIdentity().withSourceIp("192.0.2.1").withUserAgent("priming"))
                .withDomainName("priming.invalid")
                .withApiId("priming"))
        .withBody("webhook=https%3A%2F%2Fpriming.invalid%2F")
        .withIsBase64Encoded(false);
  }
}
