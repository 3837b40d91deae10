package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.MetricsNamespace;
import com.web3crm.webhook.store.StoreExceptions;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Error mapping: every outcome of a route becomes a response; nothing escapes to the runtime. */
class ApiCallTest {

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("client error", (Supplier<RuntimeException>) () -> new ClientError("webhook invalid", "why"), 400, "webhook invalid"),
        Arguments.of("store unavailable", (Supplier<Throwable>) () -> StoreExceptions.unavailable(), 503, "internal error"),
        Arguments.of("store failed", (Supplier<Throwable>) () -> StoreExceptions.failed(), 500, "internal error"),
        Arguments.of("bug", (Supplier<Throwable>) () -> new NullPointerException("boom"), 500, "internal error"),
        Arguments.of("error", (Supplier<Throwable>) () -> new StackOverflowError(), 500, "internal error"));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("outcomes")
  void handle_mapsEveryOutcomeToAJsonResponse(String name, Supplier<Throwable> failure, int status, String message) {
    CapturingContext context = new CapturingContext();
    var response = ApiCall.handle("GET /test", MetricsNamespace.DEFAULT, EventBuilder.get().build(), context, (event, log) -> {
      Throwable t = failure.get();
      if (t instanceof RuntimeException e) {
        throw e;
      }
      throw (Error) t;
    });

    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getBody()).contains("\"message\":\"" + message + "\"").doesNotContain("boom");
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(context.logLines).singleElement().satisfies(line -> assertThat(line).contains("\"status\":" + status));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void handle_withoutContext_stillAnswers(String name, Supplier<Throwable> failure, int status, String message) {
    var response = ApiCall.handle("GET /test", MetricsNamespace.DEFAULT, null, null, (event, log) -> {
      Throwable t = failure.get();
      if (t instanceof RuntimeException e) {
        throw e;
      }
      throw (Error) t;
    });

    assertThat(response.getStatusCode()).isEqualTo(status);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "not json api_secret=SECRET-1", "{\"headers\":{\"api_secret\":\"SECRET-2\"", "[1]"})
  void theLambdaEntry_answersAnEventItCannotRead_with500_andLogsWhyWithoutEventText(String event) throws IOException {
    CapturingContext context = new CapturingContext();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> calls = new ArrayList<>();

    ApiCall.handle("GET /test", MetricsNamespace.DEFAULT, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out, context, (e, log) -> {
          calls.add("work");
          throw new IllegalStateException("never reached");
        });

    Response response = Response.ofJson(out.toByteArray());
    assertThat(calls).isEmpty();
    assertThat(response.status()).isEqualTo(500);
    assertThat(response.message()).isEqualTo("internal error");
    assertThat(context.logLines).singleElement().satisfies(line -> assertThat(line)
        .contains("\"status\":500", "\"reason\":\"event not readable: not an API Gateway proxy event: ")
        .doesNotContain("SECRET"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void theLambdaEntry_writesEveryOutcomeAsResponseJson(String name, Supplier<Throwable> failure, int status,
      String message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] event = "{\"httpMethod\":\"GET\",\"headers\":{\"api_key\":\"k\"}}".getBytes(StandardCharsets.UTF_8);

    ApiCall.handle("GET /test", MetricsNamespace.DEFAULT, new ByteArrayInputStream(event), out,
        new CapturingContext(), (e, log) -> {
          assertThat(e.getHeaders()).containsEntry("api_key", "k");
          Throwable t = failure.get();
          if (t instanceof RuntimeException r) {
            throw r;
          }
          throw (Error) t;
        });

    Response response = Response.ofJson(out.toByteArray());
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.message()).isEqualTo(message);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
  }
}
