package com.web3crm.webhook.admin;

import com.web3crm.webhook.store.CollectionItem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one shape of a freshly stored credential: key, collection id, secret hash, status, created_at = updated_at
 * (millisecond ISO-8601 UTC) and version 0; no webhook fields. Used by {@code bin/collections create}, the local
 * demo collection and the test fixtures, so all three store the same thing.
 */
public final class NewCollectionItem {
  private NewCollectionItem() {}

  /** A PutItem condition that keeps an existing credential from being overwritten. */
  public static final String NOT_EXISTS = "attribute_not_exists(#api_key)";

  public static final Map<String, String> NOT_EXISTS_NAMES = Map.of("#api_key", CollectionItem.API_KEY);

  public static Map<String, AttributeValue> of(
      String apiKey, String collectionId, String secretHash, String status, Instant now) {
    AttributeValue timestamp = AttributeValue.fromS(now.truncatedTo(ChronoUnit.MILLIS).toString());
    return Map.of(
        CollectionItem.API_KEY, AttributeValue.fromS(apiKey),
        CollectionItem.COLLECTION_ID, AttributeValue.fromS(collectionId),
        CollectionItem.SECRET_HASH, AttributeValue.fromS(secretHash),
        CollectionItem.STATUS, AttributeValue.fromS(status),
        CollectionItem.CREATED_AT, timestamp,
        CollectionItem.UPDATED_AT, timestamp,
        CollectionItem.VERSION, AttributeValue.fromN("0"));
  }
}
