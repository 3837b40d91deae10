package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader;
import com.amazonaws.services.lambda.runtime.api.client.HandlerInfo;
import com.amazonaws.services.lambda.runtime.api.client.LambdaRequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.dto.InvocationRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handlers have two public {@code handleRequest} methods: the Lambda entry (event bytes → response bytes, {@link
 * RequestStreamHandler}) and the same request as event objects (tests, local tools). The template names
 * {@code Class::handleRequest}; this checks, with the Lambda runtime's own loader (runtime interface client 2.10.1,
 * {@code EventHandlerLoader}), that the runtime calls the byte entry — so its Jackson-based event serializers are
 * never loaded — for a class of exactly the handlers' shape, and that both handlers have that shape.
 */
class LambdaRuntimeChoiceTest {
  static final List<String> CALLS = new CopyOnWriteArrayList<>();

  /** The handlers' shape: both interfaces, both methods, a public no-argument constructor. */
  public static final class SameShape
      implements RequestStreamHandler, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      CALLS.add("stream " + new String(input.readAllBytes(), StandardCharsets.UTF_8));
      output.write("{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      CALLS.add("typed");
      return new APIGatewayProxyResponseEvent().withStatusCode(500);
    }
  }

  @ParameterizedTest(name = "Handler: SameShape{0}")
  @ValueSource(strings = {"::handleRequest", ""})
  void theRuntimesLoader_callsTheByteEntry_withTheEventsBytes(String method) throws Exception {
    CALLS.clear();
    String handler = SameShape.class.getName() + method;
    LambdaRequestHandler loaded =
        EventHandlerLoader.loadEventHandler(HandlerInfo.fromString(handler, getClass().getClassLoader()));
    InvocationRequest request = new InvocationRequest();
    request.setId("choice-test");
    request.setDeadlineTimeInMs(System.currentTimeMillis() + 10_000);
    request.setContent("{\"httpMethod\":\"GET\"}".getBytes(StandardCharsets.UTF_8));

    String output = loaded.call(request).toString(StandardCharsets.UTF_8);

    assertThat(CALLS).containsExactly("stream {\"httpMethod\":\"GET\"}");
    assertThat(output).isEqualTo("{\"statusCode\":200}");
  }

  @Test
  void bothHandlers_haveExactlyThatShape() {
    for (Class<?> type : List.of(RegisterWebhookHandler.class, GetWebhookHandler.class)) {
      assertThat(RequestStreamHandler.class).isAssignableFrom(type);
      assertThat(handleRequestSignatures(type)).as(type.getSimpleName())
          .containsExactlyInAnyOrderElementsOf(handleRequestSignatures(SameShape.class));
    }
  }

  private static List<String> handleRequestSignatures(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals("handleRequest"))
        .map(m -> (m.isBridge() ? "bridge " : "") + m.getReturnType().getName() + " "
            + Arrays.toString(m.getParameterTypes()))
        .sorted()
        .toList();
  }
}
