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
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
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
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * C20: DynamoDB stopped, unreachable or misconfigured. Both routes answer a JSON 503/500 well inside the
 * function timeout, write nothing, and recover on the next request once the store is back.
 */
@ExtendWith(TestDynamoDb.class)
class StoreOutageIT {
  private static final long LIMIT_MS = 3_000;
  private final CapturingContext context = new CapturingContext();

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

      for (Response r : new Response[] {postDown, getDown}) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("status").asBoolean()).isFalse();
        assertThat(r.message()).isEqualTo("internal error");
        assertThat(r.json().get("request_id").asText()).startsWith("test-");
        assertThat(r.body()).doesNotContain("Exception", "at com.");
      }
      assertThat(seeded.storedItem(KEY)).isEqualTo(before);

      proxy.up();
      Response postUp = Response.of(register.handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=after-outage").build(), context));
      assertThat(postUp.status()).isEqualTo(200);
      Response getUp = Response.of(get.handleRequest(EventBuilder.get().credentials(KEY, SECRET).build(), context));
      assertThat(getUp.json().at("/data/webhook_login").asText()).isEqualTo("after-outage");
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

  /** Both handlers with a client pointed at {@code endpoint}: each answers 503 within {@link #LIMIT_MS}. */
  private void bothRoutesAnswer503WithinLimit(URI endpoint) {
    StoreConfig config = new StoreConfig("crm-collections", TestDynamoDb.REGION, Optional.of(endpoint));
    try (DynamoDbClient client = DynamoDbClients.create(config, TestDynamoDb.credentials())) {
      CollectionStore store = new CollectionStore(client, config.tableName());
      Response post = timed(() -> Response.of(new RegisterWebhookHandler(store, Clock.systemUTC()).handleRequest(
          EventBuilder.post().credentials(KEY, SECRET).form("webhook_login=x").build(), context)));
      Response get = timed(() -> Response.of(new GetWebhookHandler(store).handleRequest(
          EventBuilder.get().credentials(KEY, SECRET).build(), context)));
      assertThat(post.status()).isEqualTo(503);
      assertThat(get.status()).isEqualTo(503);
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

  private static Response timed(Supplier<Response> call) {
    long start = System.nanoTime();
    Response response = call.get();
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("[StoreOutageIT] answered " + response.status() + " in " + ms + " ms");
    assertThat(ms).as("answer time in ms").isLessThan(LIMIT_MS);
    return response;
  }
}
