package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.store.SecretHash;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The dynalite launcher and the local table setup, against a real dynalite (needs node; runs npm ci if needed). */
class DynaliteProcessIT {
  private static Path projectDir() {
    return Path.of(System.getProperty("project.basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  @Test
  void inMemory_tableAndDemoCollection_areIdempotent_andRepaired() throws Exception {
    try (DynaliteProcess dynalite = DynaliteProcess.start(projectDir(), null)) {
      assertThat(dynalite.endpoint().toString()).startsWith("http://127.0.0.1:");
      LocalEnvironment env = LocalEnvironment.forEndpoint(dynalite.endpoint());
      try (DynamoDbClient client = env.dynamoDbClient()) {
        assertThat(LocalTable.ensure(client, "local-t1")).isTrue();
        assertThat(LocalTable.ensure(client, "local-t1")).isFalse();
        var table = client.describeTable(b -> b.tableName("local-t1")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).singleElement()
            .satisfies(k -> assertThat(k.attributeName()).isEqualTo(CollectionItem.API_KEY));
        assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");

        assertThat(LocalTable.ensureDemoCollection(client, "local-t1")).isEqualTo(LocalTable.DemoOutcome.CREATED);
        assertThat(LocalTable.ensureDemoCollection(client, "local-t1")).isEqualTo(LocalTable.DemoOutcome.UNCHANGED);
        Map<String, AttributeValue> item = demo(client);
        assertThat(item.get(CollectionItem.SECRET_HASH).s()).isEqualTo(SecretHash.of(LocalTable.DEMO_API_SECRET));
        assertThat(item.get(CollectionItem.STATUS).s()).isEqualTo(CollectionItem.STATUS_ACTIVE);
        assertThat(item.get(CollectionItem.COLLECTION_ID).s()).isEqualTo(LocalTable.DEMO_COLLECTION_ID);
        assertThat(item.get(CollectionItem.VERSION).n()).isEqualTo("0");
        assertThat(item.get(CollectionItem.CREATED_AT).s()).endsWith("Z");

        // revoked, another secret, a webhook set: repaired, webhook kept
        client.updateItem(b -> b.tableName("local-t1")
            .key(Map.of(CollectionItem.API_KEY, AttributeValue.fromS(LocalTable.DEMO_API_KEY)))
            .updateExpression("SET #s = :r, #h = :h, #w = :w")
            .expressionAttributeNames(Map.of("#s", "status", "#h", "secret_hash", "#w", "webhook"))
            .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("revoked"),
                ":h", AttributeValue.fromS(SecretHash.of("other")), ":w", AttributeValue.fromS("https://x.example/"))));
        assertThat(LocalTable.ensureDemoCollection(client, "local-t1")).isEqualTo(LocalTable.DemoOutcome.RESET);
        item = demo(client);
        assertThat(item.get(CollectionItem.STATUS).s()).isEqualTo(CollectionItem.STATUS_ACTIVE);
        assertThat(item.get(CollectionItem.SECRET_HASH).s()).isEqualTo(SecretHash.of(LocalTable.DEMO_API_SECRET));
        assertThat(item.get(CollectionItem.WEBHOOK).s()).isEqualTo("https://x.example/");
      }
      assertThat(dynalite.isAlive()).isTrue();
    }
  }

  @Test
  void close_stopsTheProcess() throws Exception {
    DynaliteProcess dynalite = DynaliteProcess.start(projectDir(), null);
    ProcessHandle handle = ProcessHandle.of(dynalite.pid()).orElseThrow();
    dynalite.close();
    dynalite.close(); // idempotent
    assertThat(handle.isAlive()).isFalse();
  }

  @Test
  void persistentDirectory_isLockedAgainstASecondServer_withAClearMessage(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("db");
    try (DynaliteProcess first = DynaliteProcess.start(projectDir(), data)) {
      try (DynamoDbClient client = LocalEnvironment.forEndpoint(first.endpoint()).dynamoDbClient()) {
        LocalTable.ensure(client, "persisted");
      }
      assertThatThrownBy(() -> DynaliteProcess.start(projectDir(), data))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exited before it was ready")
          .hasMessageContaining("is locked by another process");
    }
    try (DynaliteProcess again = DynaliteProcess.start(projectDir(), data);
        DynamoDbClient client = LocalEnvironment.forEndpoint(again.endpoint()).dynamoDbClient()) {
      assertThat(client.listTables().tableNames()).contains("persisted");
    }
  }

  @Test
  void demoCollection_isNeverWrittenToANonLoopbackEndpoint() {
    LocalEnvironment remote = LocalEnvironment.forEndpoint(URI.create("https://dynamodb.us-east-1.amazonaws.com"));
    try (DynamoDbClient client = remote.dynamoDbClient()) {
      assertThatThrownBy(() -> LocalTable.ensureDemoCollection(client, "t"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refusing");
    }
    assertThat(LocalEnvironment.isLoopback(URI.create("http://localhost:8000"))).isTrue();
    assertThat(LocalEnvironment.isLoopback(URI.create("http://127.0.0.2:8000"))).isTrue();
    assertThat(LocalEnvironment.isLoopback(URI.create("http://[::1]:8000"))).isTrue();
    assertThat(LocalEnvironment.isLoopback(URI.create("http://10.0.0.1:8000"))).isFalse();
    assertThat(LocalEnvironment.isLoopback(URI.create("http://dynamo.internal:8000"))).isFalse();
  }

  private static Map<String, AttributeValue> demo(DynamoDbClient client) {
    return client.getItem(b -> b.tableName("local-t1").consistentRead(true)
        .key(Map.of(CollectionItem.API_KEY, AttributeValue.fromS(LocalTable.DEMO_API_KEY)))).item();
  }
}
