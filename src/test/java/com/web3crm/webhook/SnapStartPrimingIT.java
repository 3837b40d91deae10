package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming ({@code beforeCheckpoint}) against the real store: the whole request path runs, with exactly
 * one DynamoDB call per function, and nothing is written — even though the POST carries a valid change.
 */
@ExtendWith(TestDynamoDb.class)
class SnapStartPrimingIT {
  private final TestDynamoDb db;
  private final ApiFixture api;

  SnapStartPrimingIT(TestDynamoDb db) {
    this.db = db;
    this.api = new ApiFixture(db);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void beforeCheckpoint_runsOneRequestPerFunctionThroughTheStore_andWritesNothing() {
    List<Map<String, AttributeValue>> before = scan();

    api.register.beforeCheckpoint(null);
    api.get.beforeCheckpoint(null);

    assertThat(api.calls).containsExactly("UpdateItem", "GetItem");
    assertThat(scan()).isEqualTo(before);
    assertThat(api.storedItem(SnapStartPriming.KEY)).isEmpty();
  }

  @Test
  void primingRequests_passValidation_andAreAnsweredAsUnknownCredentials() {
    Response post = Response.ofJson(SnapStartPriming.primeRegister(api.register));
    Response get = Response.ofJson(SnapStartPriming.primeGet(api.get));

    for (Response response : List.of(post, get)) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.message()).isEqualTo("api_key or api_secret invalid");
    }
    assertThat(api.calls).containsExactly("UpdateItem", "GetItem");
  }

  @Test
  void primingWithTheStoreDown_neverThrows_andEndsWithinTheCallTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StoreConfig config = new StoreConfig(api.table, TestDynamoDb.REGION, Optional.of(URI.create("http://127.0.0.1:" + closedPort)));
    try (DynamoDbClient client = DynamoDbClients.create(config, TestDynamoDb.credentials())) {
      CollectionStore store = new CollectionStore(client, api.table);
      long start = System.nanoTime();

      new RegisterWebhookHandler(store, Clock.systemUTC()).beforeCheckpoint(null);
      new GetWebhookHandler(store).beforeCheckpoint(null);

      assertThat((System.nanoTime() - start) / 1_000_000).as("ms for both").isLessThan(6_000);
      assertThat(Response.ofJson(SnapStartPriming.primeGet(new GetWebhookHandler(store))).status()).isEqualTo(503);
    }
  }

  private List<Map<String, AttributeValue>> scan() {
    try (DynamoDbClient client = db.client(api.table)) {
      return client.scan(b -> b.tableName(api.table).consistentRead(true)).items();
    }
  }
}
