package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.ErroringDynamoDb;
import com.web3crm.webhook.testing.ErroringDynamoDb.ErrorAnswer;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.SdkAttempts;
import com.web3crm.webhook.testing.SwitchableProxy;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * C20: DynamoDB stopped, unreachable, throttling, failing or misconfigured. Both routes answer a JSON 503/500 well
 * inside the function timeout, write nothing, and recover on the next request once the store is back. The worst
 * answer time of all outage answers is printed at the end.
 */
@ExtendWith(TestDynamoDb.class)
class StoreOutageIT {
  private static final long LIMIT_MS = 3_000;
  private static final AtomicLong WORST_MS = new AtomicLong();
  private static final AtomicInteger OUTAGE_ANSWERS = new AtomicInteger();
  private final CapturingContext context = new CapturingContext();

  @AfterAll
  static void printWorstAnswerTime() {
    System.out.println("[StoreOutageIT] worst answer time: " + WORST_MS.get() + " ms over " + OUTAGE_ANSWERS.get()
        + " outage answers");
  }

  @Test
  void storeGoesDownAndComesBack_503WithinLimitThenRecoveryWithoutRestart(TestDynamoDb db) throws Exception {
    try (ApiFixture seeded = new ApiFixture(db);
        SwitchableProxy proxy = new SwitchableProxy(db.endpoint());
        DynamoDbClient client = DynamoDbClients.create(
            new StoreConfig(seeded.table, TestDynamoDb.REGION, Optional.of(proxy.endpoint())), TestDynamoDb.credentials())) {
      CollectionStore store = new CollectionStore(client, seeded.table);
      var register = new RegisterWebhookHandler(store, Clock.systemUTC());
      var get = new GetWebhookHandler(store);
      seeded.registerForm("webhook_login=before-outage");
      var before = seeded.storedItem(KEY);

      proxy.down();
      Response postDown = timed(() -> Response.of(register.handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=during-outage").build(), context)));
      Response getDown = timed(() -> Response.of(get.handleRequest(EventBuilder.get().credentials(KEY, SECRET).build(), context)));

      assertContract503(postDown);
      assertContract503(getDown);
      assertThat(seeded.storedItem(KEY)).isEqualTo(before);

      proxy.up();
      Response postUp = Response.of(register.handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=after-outage").build(), context));
      assertThat(postUp.status()).isEqualTo(200);
      Response getUp = Response.of(get.handleRequest(EventBuilder.get().credentials(KEY, SECRET).build(), context));
      assertThat(getUp.json().at("/data/webhook_login").asText()).isEqualTo("after-outage");
      assertThat(version(seeded.storedItem(KEY))).as("the 503 POST was never applied, not even later by a retry")
          .isEqualTo(version(before) + 1);
    }
  }

  @Test
  void nothingListening_bothRoutes503WithinLimit() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    bothRoutesAnswer503WithinLimit(URI.create("http://127.0.0.1:" + closedPort));
  }

  @Test
  void storeAcceptsButNeverAnswers_bothRoutes503WithinLimit_thanksToTheCallTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        List<Socket> held = new ArrayList<>();
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept()); // keep the connection open, never answer
          } catch (IOException e) {
            return;
          }
        }
      }, "silent-store");
      acceptor.setDaemon(true);
      acceptor.start();
      bothRoutesAnswer503WithinLimit(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
    }
  }

  /** Both handlers with a client pointed at {@code endpoint}: each answers the contract's 503 within {@link #LIMIT_MS}. */
  private List<Response> bothRoutesAnswer503WithinLimit(URI endpoint) {
    StoreConfig config = new StoreConfig("crm-collections", TestDynamoDb.REGION, Optional.of(endpoint));
    try (DynamoDbClient client = DynamoDbClients.create(config, TestDynamoDb.credentials())) {
      CollectionStore store = new CollectionStore(client, config.tableName());
      Response post = timed(() -> Response.of(new RegisterWebhookHandler(store, Clock.systemUTC()).handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=x").build(), context)));
      Response get = timed(() -> Response.of(new GetWebhookHandler(store).handleRequest(
          EventBuilder.get().credentials(KEY, SECRET).build(), context)));
      assertContract503(post);
      assertContract503(get);
      return List.of(post, get);
    }
  }

  /**
   * DynamoDB's throttling and server errors, as its JSON protocol sends them, on every attempt: the SDK retries
   * (with backoff, bounded by the 2 s call timeout) and both routes then answer the contract's 503. The
   * ProvisionedThroughputExceededException row is sent twice: with {@code x-amzn-ErrorType} and, like DynamoDB,
   * with the code only in the body's {@code __type}. Throttling backoff is long enough that the call timeout often
   * ends the call first (the logged reason then says "got no answer: ApiCallTimeoutException"), which is a 503 as
   * well; CollectionStoreErrorMappingTest pins the mapping of each error code itself.
   */
  @ParameterizedTest(name = "{0} (HTTP {1}, x-amzn-ErrorType header: {3})")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          ProvisionedThroughputExceededException | 400 | com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException | true
          ProvisionedThroughputExceededException | 400 | com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException | false
          ThrottlingException                    | 400 | com.amazon.coral.availability#ThrottlingException                        | true
          RequestLimitExceeded                   | 400 | com.amazonaws.dynamodb.v20120810#RequestLimitExceeded                    | true
          InternalServerError                    | 500 | com.amazonaws.dynamodb.v20120810#InternalServerError                     | true
          ServiceUnavailableException            | 503 | com.amazon.coral.availability#ServiceUnavailableException                | true
          """)
  void throttledOrFailingOnEveryAttempt_bothRoutes503WithinLimit_afterTheSdkRetried(
      String code, int httpStatus, String type, boolean typeHeader) throws Exception {
    try (ErroringDynamoDb store = ErroringDynamoDb.always(new ErrorAnswer(httpStatus, type, typeHeader))) {
      List<Response> answers = bothRoutesAnswer503WithinLimit(store.endpoint());
      int postAttempts = store.attempts("UpdateItem");
      int getAttempts = store.attempts("GetItem");
      List<String> reasons = context.logLines.stream().map(line -> ApiFixture.parse(line).path("reason").asText()).toList();
      System.out.println("[StoreOutageIT] " + code + " (HTTP " + httpStatus + (typeHeader ? ", header and body" : ", body only")
          + "): POST " + answers.get(0).status() + " after " + postAttempts + " attempts, GET " + answers.get(1).status()
          + " after " + getAttempts + " attempts; logged reasons " + reasons);
      assertThat(postAttempts).as("UpdateItem attempts: the SDK retried").isGreaterThanOrEqualTo(2);
      assertThat(getAttempts).as("GetItem attempts: the SDK retried").isGreaterThanOrEqualTo(2);
      assertThat(context.logLines).hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("\"status\":503"));
    }
  }

  @Test
  void throttledOnceThenServed_theSdkRetryAbsorbsIt_200AndTheUpdateAppliedOnce(TestDynamoDb db) throws Exception {
    ErrorAnswer throttled = new ErrorAnswer(
        400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", false);
    SdkAttempts sdk = new SdkAttempts();
    try (ApiFixture seeded = new ApiFixture(db);
        ErroringDynamoDb store = ErroringDynamoDb.thenForward(throttled, 1, db.endpoint());
        DynamoDbClient client = DynamoDbClients.create(
            new StoreConfig(seeded.table, TestDynamoDb.REGION, Optional.of(store.endpoint())), TestDynamoDb.credentials(),
            List.of(sdk))) {
      CollectionStore collections = new CollectionStore(client, seeded.table);
      long versionBefore = version(seeded.storedItem(KEY));

      Response post = Response.of(new RegisterWebhookHandler(collections, Clock.systemUTC()).handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=after-throttling").build(), context));
      Response get = Response.of(new GetWebhookHandler(collections).handleRequest(
          EventBuilder.get().credentials(KEY, SECRET).build(), context));

      System.out.println("[StoreOutageIT] throttled once per call: POST " + post.status() + ", GET " + get.status()
          + "; errors answered=" + store.errorsAnswered() + ", SDK " + sdk);
      assertThat(post.status()).as(post.body()).isEqualTo(200);
      assertThat(get.status()).as(get.body()).isEqualTo(200);
      assertThat(get.json().at("/data/webhook_login").asText()).isEqualTo("after-throttling");
      assertThat(store.errorsAnswered()).as("each call was throttled once").isEqualTo(2);
      assertThat(sdk.retriedCalls("UpdateItem")).isEqualTo(1);
      assertThat(sdk.retriedCalls("GetItem")).isEqualTo(1);
      assertThat(version(seeded.storedItem(KEY))).isEqualTo(versionBefore + 1);
    }
  }

  @Test
  void wrongTableName_is500InternalError_notAClientError(TestDynamoDb db) {
    try (DynamoDbClient client = db.client("no-such-table")) {
      CollectionStore store = new CollectionStore(client, "no-such-table");
      Response post = Response.of(new RegisterWebhookHandler(store, Clock.systemUTC()).handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=x").build(), context));
      Response get = Response.of(new GetWebhookHandler(store).handleRequest(
          EventBuilder.get().credentials(KEY, SECRET).build(), context));
      assertThat(post.status()).isEqualTo(500);
      assertThat(get.status()).isEqualTo(500);
      assertThat(post.message()).isEqualTo("internal error");
      assertThat(context.logLines).allSatisfy(line -> assertThat(line).contains("ResourceNotFoundException").doesNotContain(SECRET));
    }
  }

  /** Runs one handler call during an outage: it must return (not throw) within {@link #LIMIT_MS}. */
  private static Response timed(Supplier<Response> call) {
    long start = System.nanoTime();
    Response response = call.get();
    long ms = (System.nanoTime() - start) / 1_000_000;
    WORST_MS.accumulateAndGet(ms, Math::max);
    OUTAGE_ANSWERS.incrementAndGet();
    System.out.println("[StoreOutageIT] answered " + response.status() + " in " + ms + " ms");
    assertThat(ms).as("answer time in ms").isLessThan(LIMIT_MS);
    return response;
  }

  /** The contract's 503: {@code {"status":false,"message":"internal error","request_id":"..."}}, JSON, nothing else. */
  private static void assertContract503(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(503);
    assertThat(r.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(r.json().get("status").asBoolean(true)).isFalse();
    assertThat(r.message()).isEqualTo("internal error");
    assertThat(r.json().get("request_id").asText()).startsWith("test-");
    assertThat(r.json().properties()).extracting(Map.Entry::getKey).containsExactly("status", "message", "request_id");
    assertThat(r.body()).doesNotContain("Exception", "at com.");
  }

  private static long version(Map<String, AttributeValue> item) {
    AttributeValue version = item.get("version");
    return version == null ? 0 : Long.parseLong(version.n());
  }
}
