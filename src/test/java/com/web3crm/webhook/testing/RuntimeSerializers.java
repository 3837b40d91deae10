package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

/**
 * The Lambda runtime's own API Gateway serializers ({@code aws-lambda-java-serialization}), looked up once: how the
 * tests write events as API Gateway sends them and read responses back, and the specification the functions' own
 * {@code ProxyEventJson} is checked against.
 */
public final class RuntimeSerializers {
  private RuntimeSerializers() {}

  public static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
      LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, RuntimeSerializers.class.getClassLoader());
  public static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
      LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, RuntimeSerializers.class.getClassLoader());
}
