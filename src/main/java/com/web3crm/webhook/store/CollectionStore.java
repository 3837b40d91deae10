package com.web3crm.webhook.store;

import static com.web3crm.webhook.store.CollectionItem.API_KEY;
import static com.web3crm.webhook.store.CollectionItem.COLLECTION_ID;
import static com.web3crm.webhook.store.CollectionItem.SECRET_HASH;
import static com.web3crm.webhook.store.CollectionItem.STATUS;
import static com.web3crm.webhook.store.CollectionItem.STATUS_ACTIVE;
import static com.web3crm.webhook.store.CollectionItem.UPDATED_AT;
import static com.web3crm.webhook.store.CollectionItem.VERSION;
import static com.web3crm.webhook.store.CollectionItem.WEBHOOK;
import static com.web3crm.webhook.store.CollectionItem.WEBHOOK_LOGIN;
import static com.web3crm.webhook.store.CollectionItem.WEBHOOK_PASS;

import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.rules.FieldChange;
import com.web3crm.webhook.rules.WebhookChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The collections table, seen from the two routes. Each method makes exactly one DynamoDB call and checks the
 * credentials as part of it; SDK failures leave as {@link StoreException}. Each records what the request's log line
 * reports about the store: the call's duration and, once the credentials are proven, the collection id.
 */
public final class CollectionStore {
  private static final String CREDENTIALS_MATCH = "#status = :active AND #secret_hash = :secret_hash";
  private static final Map<String, String> CREDENTIAL_NAMES =
      Map.of("#status", STATUS, "#secret_hash", SECRET_HASH);
  private static final String READ_PROJECTION =
      "#collection_id, #status, #secret_hash, #webhook, #webhook_login, #webhook_pass";
  private static final Map<String, String> READ_NAMES =
      Map.of(
          "#collection_id", COLLECTION_ID,
          "#status", STATUS,
          "#secret_hash", SECRET_HASH,
          "#webhook", WEBHOOK,
          "#webhook_login", WEBHOOK_LOGIN,
          "#webhook_pass", WEBHOOK_PASS);
  private static final Set<String> THROTTLING_CODES =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "RequestLimitExceeded",
          "LimitExceededException");

  private final DynamoDbClient client;
  private final String tableName;

  public CollectionStore(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  /** The functions' store: the table of {@code config} through a {@link DynamoDbClients#forFunction} client. */
  public static CollectionStore forFunction(StoreConfig config) {
    return new CollectionStore(DynamoDbClients.forFunction(config), config.tableName());
  }

  /**
   * Applies {@code change} with one conditional UpdateItem that succeeds only for an active collection whose
   * secret hash matches; sets {@code updated_at} and adds 1 to {@code version}. Records the call's duration in
   * {@code log}, and on success the collection's id (the item comes back with the answer: {@code ALL_NEW}).
   *
   * @return false when the credentials are not those of an active collection (nothing was written)
   */
  public boolean updateWebhook(Credentials credentials, WebhookChange change, Instant now, RequestLog log) {
    UpdateItemRequest request = updateRequest(credentials, change, now);
    long start = System.nanoTime();
    try {
      UpdateItemResponse response = client.updateItem(request);
      log.authenticated(string(response.attributes(), COLLECTION_ID));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw translate("UpdateItem", e);
    } finally {
      log.dynamoDbCall(System.nanoTime() - start);
    }
  }

  /** The request {@link #updateWebhook} sends; visible for tests that check every name is aliased. */
  UpdateItemRequest updateRequest(Credentials credentials, WebhookChange change, Instant now) {
    Map<String, String> names = new HashMap<>(CREDENTIAL_NAMES);
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    values.put(":active", s(STATUS_ACTIVE));
    values.put(":secret_hash", s(SecretHash.of(credentials.apiSecret())));

    applyField(WEBHOOK, change.webhook(), names, values, sets, removes);
    applyField(WEBHOOK_LOGIN, change.login(), names, values, sets, removes);
    applyField(WEBHOOK_PASS, change.pass(), names, values, sets, removes);
    names.put("#updated_at", UPDATED_AT);
    values.put(":updated_at", s(now.truncatedTo(ChronoUnit.MILLIS).toString()));
    sets.add("#updated_at = :updated_at");
    names.put("#version", VERSION);
    values.put(":one", AttributeValue.fromN("1"));

    String expression = "SET " + String.join(", ", sets)
        + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes))
        + " ADD #version :one";
    return UpdateItemRequest.builder()
        .tableName(tableName)
        .key(Map.of(API_KEY, s(credentials.apiKey())))
        .updateExpression(expression)
        .conditionExpression(CREDENTIALS_MATCH)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        // the updated item comes back, so the log can name the collection without a second call
        .returnValues(ReturnValue.ALL_NEW)
        .build();
  }

  private static void applyField(
      String attribute,
      FieldChange change,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      List<String> sets,
      List<String> removes) {
    switch (change) {
      case FieldChange.Keep keep -> {}
      case FieldChange.Clear clear -> {
        names.put("#" + attribute, attribute);
        removes.add("#" + attribute);
      }
      case FieldChange.Set set -> {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, s(set.value()));
        sets.add("#" + attribute + " = :" + attribute);
      }
    }
  }

  /**
   * Reads the webhook with one strongly consistent GetItem. Records the call's duration in {@code log}, and the collection's id when the credentials are its own.
   *
   * @return empty when the key is unknown, the collection is revoked or the secret does not match; the secret
   *     is compared in constant time whichever it is
   */
  public Optional<WebhookSettings> readWebhook(Credentials credentials, RequestLog log) {
    GetItemRequest request = readRequest(credentials);
    GetItemResponse response;
    long start = System.nanoTime();
    try {
      response = client.getItem(request);
    } catch (SdkException e) {
      throw translate("GetItem", e);
    } finally {
      log.dynamoDbCall(System.nanoTime() - start);
    }
    Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
    boolean secretMatches = SecretHash.matches(credentials.apiSecret(), string(item, SECRET_HASH));
    boolean active = STATUS_ACTIVE.equals(string(item, STATUS));
    if (!(secretMatches & active)) {
      return Optional.empty();
    }
    log.authenticated(string(item, COLLECTION_ID));
    return Optional.of(
        new WebhookSettings(
            string(item, COLLECTION_ID),
            string(item, WEBHOOK),
            string(item, WEBHOOK_LOGIN),
            string(item, WEBHOOK_PASS)));
  }

  /** The request {@link #readWebhook} sends: strongly consistent, only the attributes it needs, names aliased. */
  GetItemRequest readRequest(Credentials credentials) {
    return GetItemRequest.builder()
        .tableName(tableName)
        .key(Map.of(API_KEY, s(credentials.apiKey())))
        .consistentRead(true)
        .projectionExpression(READ_PROJECTION)
        .expressionAttributeNames(READ_NAMES)
        .build();
  }

  private static StoreException translate(String operation, SdkException e) {
    if (e instanceof SdkClientException) {
      // no answer: connection refused or reset, DNS, attempt or call timeout
      return new StoreException(true, operation + " got no answer: " + e.getClass().getSimpleName(), e);
    }
    if (e instanceof DynamoDbException ddb) {
      String code = ddb.awsErrorDetails() == null ? null : ddb.awsErrorDetails().errorCode();
      boolean unavailable =
          ddb.isThrottlingException()
              || (code != null && THROTTLING_CODES.contains(code)) // Set.of(...).contains(null) throws
              || ddb.statusCode() >= 500;
      return new StoreException(
          unavailable, operation + " failed: " + code + " (HTTP " + ddb.statusCode() + ")", e);
    }
    return new StoreException(false, operation + " failed: " + e.getClass().getSimpleName(), e);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
