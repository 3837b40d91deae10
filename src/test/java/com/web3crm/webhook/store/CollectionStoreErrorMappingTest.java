package com.web3crm.webhook.store;

import com.web3crm.webhook.api.MetricsNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.rules.FieldChange;
import com.web3crm.webhook.rules.WebhookChange;
import com.web3crm.webhook.testing.ErroringDynamoDb;
import com.web3crm.webhook.testing.ErroringDynamoDb.ErrorAnswer;
import com.web3crm.webhook.testing.TestDynamoDb;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which DynamoDB errors are "unavailable" (the routes answer 503) and which are not (500), for errors exactly as the
 * SDK parses them off the wire. The client makes one attempt: with the production retries and call timeout
 * (StoreOutageIT) the 2 s call timeout often ends a throttled call before the last throttling answer arrives, which
 * is a 503 too but leaves this mapping untested.
 */
class CollectionStoreErrorMappingTest {
  private static final Credentials CREDENTIALS = new Credentials("k_demo_123", "s_demo_456");

  @ParameterizedTest(name = "{0} (HTTP {1}) -> unavailable={3}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          ProvisionedThroughputExceededException | 400 | com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException | true
          ThrottlingException                    | 400 | com.amazon.coral.availability#ThrottlingException                        | true
          RequestLimitExceeded                   | 400 | com.amazonaws.dynamodb.v20120810#RequestLimitExceeded                    | true
          LimitExceededException                 | 400 | com.amazonaws.dynamodb.v20120810#LimitExceededException                  | true
          InternalServerError                    | 500 | com.amazonaws.dynamodb.v20120810#InternalServerError                     | true
          ServiceUnavailableException            | 503 | com.amazon.coral.availability#ServiceUnavailableException                | true
          ResourceNotFoundException              | 400 | com.amazonaws.dynamodb.v20120810#ResourceNotFoundException               | false
          ValidationException                    | 400 | com.amazon.coral.validate#ValidationException                            | false
          AccessDeniedException                  | 400 | com.amazon.coral.service#AccessDeniedException                           | false
          """)
  void dynamoDbError_isUnavailableOnlyForThrottlingAndServerErrors_onBothOperations(
      String code, int status, String type, boolean unavailable) throws Exception {
    try (ErroringDynamoDb endpoint = ErroringDynamoDb.always(new ErrorAnswer(status, type, false));
        DynamoDbClient client = DynamoDbClient.builder()
            .region(TestDynamoDb.REGION)
            .credentialsProvider(TestDynamoDb.credentials())
            .endpointOverride(endpoint.endpoint())
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
            .build()) {
      CollectionStore store = new CollectionStore(client, "crm-collections");

      StoreException update = catchThrowableOfType(StoreException.class, () -> store.updateWebhook(
          CREDENTIALS, new WebhookChange(FieldChange.KEEP, FieldChange.set("l"), FieldChange.KEEP), Instant.now(),
          new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime())));
      StoreException read = catchThrowableOfType(StoreException.class, () -> store.readWebhook(CREDENTIALS, new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime())));

      assertThat(update.unavailable()).as(update.getMessage()).isEqualTo(unavailable);
      assertThat(read.unavailable()).as(read.getMessage()).isEqualTo(unavailable);
      assertThat(update.getMessage()).isEqualTo("UpdateItem failed: " + code + " (HTTP " + status + ")");
      assertThat(read.getMessage()).isEqualTo("GetItem failed: " + code + " (HTTP " + status + ")");
      assertThat(endpoint.attempts("UpdateItem") + endpoint.attempts("GetItem")).isEqualTo(2);
    }
  }

  /**
   * A gateway or proxy between the function and DynamoDB answers 502 with a body that is not DynamoDB's JSON: the
   * SDK's exception then has no error code, and that must still map to "unavailable" (it once threw a
   * NullPointerException, a 500).
   */
  @Test
  void serverErrorWithoutADynamoDbErrorCode_isUnavailable() throws Exception {
    HttpServer gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext("/", exchange -> {
      byte[] body = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(502, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    gateway.start();
    try (DynamoDbClient client = DynamoDbClient.builder()
        .region(TestDynamoDb.REGION)
        .credentialsProvider(TestDynamoDb.credentials())
        .endpointOverride(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()))
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build()) {
      CollectionStore store = new CollectionStore(client, "crm-collections");

      StoreException read = catchThrowableOfType(StoreException.class, () -> store.readWebhook(CREDENTIALS, new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime())));

      assertThat(read.unavailable()).as(read.getMessage()).isTrue();
      assertThat(read.getMessage()).isEqualTo("GetItem failed: null (HTTP 502)");
    } finally {
      gateway.stop(0);
    }
  }
}
