package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.MetricsNamespace;
import com.web3crm.webhook.store.StoreExceptions;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EventBuilder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
}
