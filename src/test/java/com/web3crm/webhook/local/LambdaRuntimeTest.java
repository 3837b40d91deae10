package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] EVENT =
      "{\"httpMethod\":\"GET\",\"path\":\"/x\",\"headers\":{\"a\":\"1\"},\"body\":null}".getBytes(StandardCharsets.UTF_8);

  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final LambdaRuntime runtime =
      new LambdaRuntime(LambdaRuntime.noArgConstructors(), "eu-west-1", new PrintStream(logs, true));

  @AfterEach
  void close() {
    runtime.close();
  }

  private static TemplateRoutes.FunctionDef function(Class<?> handler, int timeoutSeconds) {
    return new TemplateRoutes.FunctionDef("Fn", handler.getName() + "::handleRequest", timeoutSeconds, 512);
  }

  /** Echoes parts of the event and the context; counts constructions. */
  public static final class Echo implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    public Echo() {
      CONSTRUCTED.incrementAndGet();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      context.getLogger().log("hello from " + context.getFunctionName());
      context.getLogger().log("bytes\n".getBytes(StandardCharsets.UTF_8));
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(200)
          .withHeaders(Map.of("X-Arn", context.getInvokedFunctionArn()))
          .withBody(event.getHttpMethod() + " " + event.getPath() + " " + event.getHeaders().get("a") + " "
              + context.getMemoryLimitInMB() + " " + (context.getRemainingTimeInMillis() > 1000));
    }
  }

  public static final class Throws implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      throw new IllegalStateException("boom");
    }
  }

  public static final class Sleeps implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new APIGatewayProxyResponseEvent().withStatusCode(200);
    }
  }

  public static final class NoDefaultConstructor
      implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    public NoDefaultConstructor(String ignored) {}

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
      return null;
    }
  }

  public static final class Stream implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      output.write(("{\"size\":" + input.readAllBytes().length + "}").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void invoke_deserializesTheEvent_callsTheHandler_serializesTheResponse_reusesTheInstance() throws Exception {
    int before = Echo.CONSTRUCTED.get();
    LambdaRuntime.Invocation first = runtime.invoke(function(Echo.class, 3), EVENT, "req-1");
    LambdaRuntime.Invocation second = runtime.invoke(function(Echo.class, 3), EVENT);

    assertThat(first.failed()).isFalse();
    assertThat(first.requestId()).isEqualTo("req-1");
    JsonNode response = JSON.readTree(first.payload());
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("body").asText()).isEqualTo("GET /x 1 512 true");
    assertThat(response.at("/headers/X-Arn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:Fn");
    assertThat(second.failed()).isFalse();
    assertThat(second.requestId()).isNotEqualTo("req-1");
    assertThat(Echo.CONSTRUCTED.get() - before).isEqualTo(1);
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("hello from Fn\n").contains("bytes\n");
  }

  @Test
  void handlerException_isLambdasErrorPayload() throws Exception {
    LambdaRuntime.Invocation invocation = runtime.invoke(function(Throws.class, 3), EVENT);

    assertThat(invocation.failed()).isTrue();
    JsonNode error = JSON.readTree(invocation.payload());
    assertThat(error.get("errorMessage").asText()).isEqualTo("boom");
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("stackTrace").isArray()).isTrue();
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("IllegalStateException: boom");
  }

  @Test
  void timeout_failsWithLambdasMessage() throws Exception {
    long start = System.nanoTime();
    LambdaRuntime.Invocation invocation = runtime.invoke(function(Sleeps.class, 1), EVENT, "req-t");

    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 5000L);
    assertThat(invocation.failed()).isTrue();
    assertThat(JSON.readTree(invocation.payload()).get("errorMessage").asText())
        .endsWith("req-t Task timed out after 1.00 seconds");
  }

  @Test
  void initFailure_isAFailedInvocation_notAnException() throws Exception {
    LambdaRuntime.Invocation invocation = runtime.invoke(function(NoDefaultConstructor.class, 3), EVENT);
    assertThat(invocation.failed()).isTrue();
    assertThat(JSON.readTree(invocation.payload()).get("errorType").asText()).isEqualTo("java.lang.NoSuchMethodException");

    LambdaRuntime.Invocation missing = runtime.invoke(
        new TemplateRoutes.FunctionDef("Fn", "com.example.Missing::handleRequest", 3, 128), EVENT);
    assertThat(missing.failed()).isTrue();
    assertThat(JSON.readTree(missing.payload()).get("errorType").asText())
        .isEqualTo("java.lang.ClassNotFoundException");
  }

  @Test
  void streamHandlers_getTheRawEvent() throws Exception {
    LambdaRuntime.Invocation invocation = runtime.invoke(function(Stream.class, 3), EVENT);
    assertThat(invocation.failed()).isFalse();
    assertThat(invocation.payloadText()).isEqualTo("{\"size\":" + EVENT.length + "}");
  }

  @Test
  void suppliedInstances_areUsedInsteadOfTheNoArgConstructor() {
    Echo instance = new Echo();
    try (LambdaRuntime supplied = new LambdaRuntime(
        name -> name.equals(NoDefaultConstructor.class.getName()) ? instance : null, "us-east-1",
        new PrintStream(new ByteArrayOutputStream()))) {
      LambdaRuntime.Invocation invocation = supplied.invoke(function(NoDefaultConstructor.class, 3), EVENT);
      assertThat(invocation.failed()).as(invocation.payloadText()).isFalse();
      assertThat(invocation.payloadText()).contains("GET /x 1");
    }
  }
}
