package com.web3crm.webhook.store;

/**
 * Attribute names of the collections table, in one place. Partition key {@code api_key} (S).
 *
 * <p>Every expression the code sends aliases these names ({@code #status}), because {@code status} and others
 * are DynamoDB reserved words.
 */
public final class CollectionItem {
  private CollectionItem() {}

  public static final String API_KEY = "api_key";
  public static final String COLLECTION_ID = "collection_id";
  public static final String SECRET_HASH = "secret_hash";
  /** {@value #STATUS_ACTIVE} or {@value #STATUS_REVOKED}. */
  public static final String STATUS = "status";
  public static final String WEBHOOK = "webhook";
  public static final String WEBHOOK_LOGIN = "webhook_login";
  public static final String WEBHOOK_PASS = "webhook_pass";
  /** ISO-8601 UTC, e.g. {@code 2026-12-03T17:04:05.123Z}. */
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  /** Number, incremented by every successful webhook update. */
  public static final String VERSION = "version";

  public static final String STATUS_ACTIVE = "active";
  public static final String STATUS_REVOKED = "revoked";
}
