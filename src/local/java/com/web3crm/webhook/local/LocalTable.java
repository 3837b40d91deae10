package com.web3crm.webhook.local;

import static com.web3crm.webhook.store.CollectionItem.API_KEY;
import static com.web3crm.webhook.store.CollectionItem.COLLECTION_ID;
import static com.web3crm.webhook.store.CollectionItem.SECRET_HASH;
import static com.web3crm.webhook.store.CollectionItem.STATUS;
import static com.web3crm.webhook.store.CollectionItem.STATUS_ACTIVE;
import static com.web3crm.webhook.store.CollectionItem.UPDATED_AT;

import com.web3crm.webhook.admin.NewCollectionItem;
import com.web3crm.webhook.store.SecretHash;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The collections table and the demo collection, for local runs and tests only.
 *
 * <p>The table matches template.yaml's {@code CollectionsTable}: PAY_PER_REQUEST, partition key {@code api_key}
 * (S), nothing else (PITR and SSE do not exist locally).
 *
 * <p>The demo collection ({@link #DEMO_API_KEY} / {@link #DEMO_API_SECRET}) is a fixed, publicly known
 * credential pair. {@link #ensureDemoCollection} therefore refuses to write it anywhere but a loopback endpoint.
 */
public final class LocalTable {
  private LocalTable() {}

  /** The demo collection's api_key. LOCAL ONLY. */
  public static final String DEMO_API_KEY = "ck_demo_local";
  /** The demo collection's api_secret (only its {@link SecretHash} is stored). LOCAL ONLY. */
  public static final String DEMO_API_SECRET = "cs_demo_local_secret";
  /** The demo collection's collection_id. */
  public static final String DEMO_COLLECTION_ID = "demo-collection";

  static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(10);

  /** What {@link #ensureDemoCollection} did. */
  public enum DemoOutcome {
    /** The item did not exist and was written. */
    CREATED,
    /** The item existed but was revoked or had another secret hash (or no collection_id); that was reset. */
    RESET,
    /** The item existed, active, with the demo secret: nothing written. */
    UNCHANGED
  }

  /**
   * Creates table {@code tableName} when it does not exist, and waits until it is ACTIVE (polling DescribeTable
   * every 20 ms, at most 10 s).
   *
   * @return true when this call created it
   * @throws IllegalStateException when it is not ACTIVE within 10 s
   */
  public static boolean ensure(DynamoDbClient client, String tableName) {
    boolean created = false;
    if (describe(client, tableName).isEmpty()) {
      try {
        client.createTable(
            CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(API_KEY)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder().attributeName(API_KEY).keyType(KeyType.HASH).build())
                .build());
        created = true;
      } catch (ResourceInUseException e) {
        // created concurrently by someone else: fine, wait for it below
      }
    }
    awaitActive(client, tableName);
    return created;
  }

  /**
   * Makes sure the demo collection exists and is usable: api_key {@value #DEMO_API_KEY}, the hash of
   * {@value #DEMO_API_SECRET}, status active. Creates it (version 0, created_at = updated_at = now) with a
   * conditional PutItem; when it exists but is revoked or has another hash, resets status and hash (and
   * updated_at) and leaves its webhook fields and version alone. Idempotent.
   *
   * @throws IllegalStateException when {@code client} does not point at a loopback endpoint: the demo credentials
   *     are public and must never reach a real table
   */
  public static DemoOutcome ensureDemoCollection(DynamoDbClient client, String tableName) {
    requireLoopbackEndpoint(client);
    String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    String hash = SecretHash.of(DEMO_API_SECRET);
    try {
      client.putItem(
          PutItemRequest.builder()
              .tableName(tableName)
              .item(NewCollectionItem.of(DEMO_API_KEY, DEMO_COLLECTION_ID, hash, STATUS_ACTIVE, Instant.now()))
              .conditionExpression(NewCollectionItem.NOT_EXISTS)
              .expressionAttributeNames(NewCollectionItem.NOT_EXISTS_NAMES)
              .build());
      return DemoOutcome.CREATED;
    } catch (ConditionalCheckFailedException exists) {
      // fall through: repair it if needed
    }
    try {
      client.updateItem(
          UpdateItemRequest.builder()
              .tableName(tableName)
              .key(Map.of(API_KEY, s(DEMO_API_KEY)))
              .updateExpression(
                  "SET #status = :active, #secret_hash = :hash, #updated_at = :now,"
                      + " #collection_id = if_not_exists(#collection_id, :collection_id)")
              .conditionExpression(
                  "attribute_exists(#api_key) AND (#status <> :active OR #secret_hash <> :hash"
                      + " OR attribute_not_exists(#status) OR attribute_not_exists(#secret_hash)"
                      + " OR attribute_not_exists(#collection_id))")
              .expressionAttributeNames(
                  Map.of(
                      "#api_key", API_KEY,
                      "#status", STATUS,
                      "#secret_hash", SECRET_HASH,
                      "#updated_at", UPDATED_AT,
                      "#collection_id", COLLECTION_ID))
              .expressionAttributeValues(
                  Map.of(
                      ":active", s(STATUS_ACTIVE),
                      ":hash", s(hash),
                      ":now", s(now),
                      ":collection_id", s(DEMO_COLLECTION_ID)))
              .build());
      return DemoOutcome.RESET;
    } catch (ConditionalCheckFailedException alreadyFine) {
      return DemoOutcome.UNCHANGED;
    }
  }

  private static void requireLoopbackEndpoint(DynamoDbClient client) {
    Optional<URI> endpoint = client.serviceClientConfiguration().endpointOverride();
    if (endpoint.isEmpty() || !LocalEnvironment.isLoopback(endpoint.get())) {
      throw new IllegalStateException(
          "refusing to write the demo collection (public, fixed credentials) to "
              + endpoint.map(URI::toString).orElse("AWS")
              + ": only a loopback DynamoDB endpoint (dynalite) may hold it");
    }
  }

  private static Optional<TableDescription> describe(DynamoDbClient client, String tableName) {
    try {
      return Optional.of(client.describeTable(b -> b.tableName(tableName)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private static void awaitActive(DynamoDbClient client, String tableName) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (true) {
      Optional<TableDescription> table = describe(client, tableName);
      if (table.isPresent() && table.get().tableStatus() == TableStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "table " + tableName + " is not ACTIVE after " + ACTIVE_TIMEOUT.toSeconds() + " s (status "
                + table.map(t -> String.valueOf(t.tableStatus())).orElse("missing") + ")");
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
      }
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
