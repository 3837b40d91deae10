package com.web3crm.webhook.admin;

import static com.web3crm.webhook.store.CollectionItem.API_KEY;
import static com.web3crm.webhook.store.CollectionItem.COLLECTION_ID;
import static com.web3crm.webhook.store.CollectionItem.CREATED_AT;
import static com.web3crm.webhook.store.CollectionItem.SECRET_HASH;
import static com.web3crm.webhook.store.CollectionItem.STATUS;
import static com.web3crm.webhook.store.CollectionItem.STATUS_ACTIVE;
import static com.web3crm.webhook.store.CollectionItem.STATUS_REVOKED;
import static com.web3crm.webhook.store.CollectionItem.UPDATED_AT;
import static com.web3crm.webhook.store.CollectionItem.VERSION;
import static com.web3crm.webhook.store.CollectionItem.WEBHOOK;
import static com.web3crm.webhook.store.CollectionItem.WEBHOOK_LOGIN;
import static com.web3crm.webhook.store.CollectionItem.WEBHOOK_PASS;

import com.web3crm.webhook.store.SecretHash;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The operations of {@code bin/collections} on the collections table. Every expression aliases attribute names
 * ({@code status} is a DynamoDB reserved word). Secrets exist only in the returned {@link NewCredential} /
 * {@link RotatedSecret}; the table only ever receives {@link SecretHash#of}.
 *
 * <p>Failures the operator can act on leave as {@link AdminException} with a message that never contains a
 * secret or a hash.
 */
public final class CollectionAdmin {
  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;
  private final Integer scanPageSize;

  public CollectionAdmin(DynamoDbClient client, String tableName, Clock clock) {
    this(client, tableName, clock, null);
  }

  /**
   * @param scanPageSize items per Scan page (the Scan {@code Limit}), or null for DynamoDB's 1 MB pages; tests
   *     set a small one to exercise pagination
   */
  CollectionAdmin(DynamoDbClient client, String tableName, Clock clock, Integer scanPageSize) {
    this.client = client;
    this.tableName = tableName;
    this.clock = clock;
    this.scanPageSize = scanPageSize;
  }

  /** Whether {@link #revoke} changed the status or found it already revoked. */
  public enum RevokeOutcome {
    REVOKED,
    ALREADY_REVOKED
  }

  /**
   * Creates a credential for {@code collectionId}: a new api key and secret, stored as {@code secret_hash} with
   * status active and version 0, by a PutItem that never overwrites an existing key.
   *
   * @throws AdminException when the collection already has an active credential (rotate its secret instead)
   */
  public NewCredential create(String collectionId, CredentialGenerator generator) throws AdminException {
    String problem = CollectionIds.problem(collectionId);
    if (problem != null) {
      throw new AdminException("invalid collection id: " + problem);
    }
    Optional<String> active = findActiveApiKey(collectionId);
    if (active.isPresent()) {
      throw new AdminException(
          "collection " + collectionId + " already has an active credential (api_key " + active.get()
              + "). To issue a new secret for it run:\n  bin/collections rotate-secret --api-key " + active.get()
              + "\nor revoke it first (bin/collections revoke --api-key " + active.get() + ").");
    }
    NewCredential credential =
        new NewCredential(collectionId, generator.newApiKey(), generator.newApiSecret());
    String secretHash = SecretHash.of(credential.apiSecret());
    PutItemRequest put =
        PutItemRequest.builder()
            .tableName(tableName)
            .item(NewCollectionItem.of(credential.apiKey(), collectionId, secretHash, STATUS_ACTIVE, clock.instant()))
            .conditionExpression(NewCollectionItem.NOT_EXISTS)
            .expressionAttributeNames(NewCollectionItem.NOT_EXISTS_NAMES)
            .build();
    try {
      call("PutItem", () -> client.putItem(put), secretHash);
    } catch (ConditionalCheckFailedException e) {
      // Either a 128-bit collision (never in practice) or the SDK retried a PutItem whose first attempt had
      // already succeeded: in the second case the stored item is ours, recognisable by its hash.
      if (!storedHashIs(credential.apiKey(), secretHash)) {
        throw new AdminException("the generated api_key already exists in " + tableName + "; run create again", e);
      }
    } catch (AdminException e) {
      if (!outcomeUnknown(e)) {
        throw e;
      }
      throw new AdminException(
          e.getMessage() + "\nThe credential may or may not have been stored; check with bin/collections list"
              + " (if a credential for " + collectionId + " appears, its secret is lost: rotate-secret it).",
          e.getCause());
    }
    return credential;
  }

  /**
   * The api key of an active credential of {@code collectionId}, if any.
   *
   * <p>A Scan with a filter reads the whole table: acceptable for an operator tool run by hand on a table of
   * collections (thousands of items at most), and it spares the functions' table a GSI that only this check
   * would use. Consistent reads, so a credential created a moment ago is seen. Two creates for the same
   * collection run at the same instant could both pass this check; operators do not race themselves, and
   * {@code list} would show both.
   */
  Optional<String> findActiveApiKey(String collectionId) throws AdminException {
    ScanRequest scan =
        scan()
            .projectionExpression("#api_key")
            .filterExpression("#collection_id = :collection_id AND #status = :active")
            .expressionAttributeNames(
                Map.of("#api_key", API_KEY, "#collection_id", COLLECTION_ID, "#status", STATUS))
            .expressionAttributeValues(
                Map.of(":collection_id", s(collectionId), ":active", s(STATUS_ACTIVE)))
            .build();
    return call(
        "Scan",
        () ->
            client.scanPaginator(scan).items().stream()
                .map(item -> string(item, API_KEY))
                .findFirst());
  }

  /**
   * Gives an active credential a new secret: one UpdateItem of {@code secret_hash} and {@code updated_at},
   * conditional on the key existing with status active. The old secret stops matching at once.
   *
   * @throws AdminException when the key is unknown or revoked
   */
  public RotatedSecret rotateSecret(String apiKey, CredentialGenerator generator) throws AdminException {
    RotatedSecret rotated = new RotatedSecret(apiKey, generator.newApiSecret());
    String secretHash = SecretHash.of(rotated.apiSecret());
    UpdateItemRequest update =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(API_KEY, s(apiKey)))
            .updateExpression("SET #secret_hash = :secret_hash, #updated_at = :updated_at")
            .conditionExpression("attribute_exists(#api_key) AND #status = :active")
            .expressionAttributeNames(
                Map.of(
                    "#api_key", API_KEY,
                    "#status", STATUS,
                    "#secret_hash", SECRET_HASH,
                    "#updated_at", UPDATED_AT))
            .expressionAttributeValues(
                Map.of(
                    ":active", s(STATUS_ACTIVE),
                    ":secret_hash", s(secretHash),
                    ":updated_at", s(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString())))
            .build();
    try {
      call("UpdateItem", () -> client.updateItem(update), secretHash);
    } catch (ConditionalCheckFailedException e) {
      Optional<String> status = status(apiKey);
      if (status.isEmpty()) {
        throw new AdminException("no credential with api_key " + apiKey + " in " + tableName, e);
      }
      throw new AdminException(
          "credential " + apiKey + " is " + status.get() + ", not active; its secret cannot be rotated"
              + " (create a new credential for its collection instead)",
          e);
    } catch (AdminException e) {
      if (!outcomeUnknown(e)) {
        throw e;
      }
      throw new AdminException(
          e.getMessage() + "\nThe new secret may or may not have been stored (it is not shown); if the old"
              + " secret stopped working, run rotate-secret again.",
          e.getCause());
    }
    return rotated;
  }

  /**
   * Sets status revoked (and {@code updated_at}) with one UpdateItem conditional on the key existing and not
   * being revoked already; revoking a revoked credential succeeds without writing.
   *
   * @throws AdminException when the key is unknown
   */
  public RevokeOutcome revoke(String apiKey) throws AdminException {
    UpdateItemRequest update =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(API_KEY, s(apiKey)))
            .updateExpression("SET #status = :revoked, #updated_at = :updated_at")
            .conditionExpression("attribute_exists(#api_key) AND #status <> :revoked")
            .expressionAttributeNames(
                Map.of("#api_key", API_KEY, "#status", STATUS, "#updated_at", UPDATED_AT))
            .expressionAttributeValues(
                Map.of(":revoked", s(STATUS_REVOKED), ":updated_at", s(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString())))
            .build();
    try {
      call("UpdateItem", () -> client.updateItem(update));
      return RevokeOutcome.REVOKED;
    } catch (ConditionalCheckFailedException e) {
      Optional<String> status = status(apiKey);
      if (status.isEmpty()) {
        throw new AdminException("no credential with api_key " + apiKey + " in " + tableName, e);
      }
      if (STATUS_REVOKED.equals(status.get())) {
        return RevokeOutcome.ALREADY_REVOKED;
      }
      // the status changed between the two calls; the operator can simply run revoke again
      throw new AdminException("credential " + apiKey + " changed while it was being revoked; run revoke again", e);
    }
  }

  /** What {@link #importCredential} did with one credential. */
  public enum ImportResult {
    /** The key was new: stored (hash only), active, version 0. */
    CREATED,
    /** The key was there already, active, for the same collection with the same secret hash: nothing written. */
    UNCHANGED,
    /** {@code --replace-secret}: the key's active credential, same collection, now holds the file's secret hash. */
    REPLACED,
    /** Nothing written; {@link ImportOutcome#reason()} says why. */
    CONFLICT
  }

  /** The {@code reason} codes of import conflicts (docs/OPERATIONS.md explains each). */
  public static final String OTHER_SECRET = "other_secret";
  public static final String OTHER_COLLECTION = "other_collection";
  public static final String REVOKED = "revoked";
  public static final String COLLECTION_HAS_ACTIVE_KEY = "collection_has_active_key";
  public static final String CHANGED_DURING_IMPORT = "changed_during_import";
  public static final List<String> CONFLICT_REASONS =
      List.of(OTHER_SECRET, OTHER_COLLECTION, REVOKED, COLLECTION_HAS_ACTIVE_KEY, CHANGED_DURING_IMPORT);

  /** The result of one imported line; {@code reason} (a stable code) and {@code detail} for conflicts only. */
  public record ImportOutcome(ImportResult result, String reason, String detail) {
    static ImportOutcome of(ImportResult result) {
      return new ImportOutcome(result, null, null);
    }

    static ImportOutcome conflict(String reason, String detail) {
      return new ImportOutcome(ImportResult.CONFLICT, reason, detail);
    }
  }

  /**
   * Collection id → the api keys of its active credentials, from one strongly consistent Scan that reads only keys,
   * collection ids and status (never a hash): what {@link #importCredential} checks a new key's collection against.
   */
  public Map<String, Set<String>> activeApiKeysByCollection() throws AdminException {
    ScanRequest scan =
        scan()
            .projectionExpression("#api_key, #collection_id")
            .filterExpression("#status = :active")
            .expressionAttributeNames(Map.of("#api_key", API_KEY, "#collection_id", COLLECTION_ID, "#status", STATUS))
            .expressionAttributeValues(Map.of(":active", s(STATUS_ACTIVE)))
            .build();
    return call(
        "Scan",
        () -> {
          Map<String, Set<String>> keys = new HashMap<>();
          for (Map<String, AttributeValue> item : client.scanPaginator(scan).items()) {
            keys.computeIfAbsent(string(item, COLLECTION_ID), k -> new TreeSet<>()).add(string(item, API_KEY));
          }
          return keys;
        });
  }

  /**
   * Stores one existing credential, idempotently, never overwriting anything but (with {@code replaceSecret}) the
   * secret hash of the same active credential:
   *
   * <ol>
   *   <li>the key is read (consistent GetItem: collection id, status, hash);
   *   <li>absent: a PutItem of {@link NewCollectionItem} conditional on the key not existing → {@code CREATED};
   *       refused when {@code activeKeysOfCollection} holds another key (a collection has one active credential);
   *       if a concurrent run created the key first, its item is judged as below;
   *   <li>present: another collection, or revoked → conflict; same hash → {@code UNCHANGED} (no write); another
   *       hash → conflict, or with {@code replaceSecret} an UpdateItem of {@code secret_hash} and {@code updated_at}
   *       conditional on the collection, status and hash just read → {@code REPLACED} (webhook fields, version and
   *       created_at untouched).
   * </ol>
   *
   * @param activeKeysOfCollection the api keys of the collection's active credentials ({@link
   *     #activeApiKeysByCollection}); the line's own key may be among them
   */
  public ImportOutcome importCredential(ImportFile.Line line, boolean replaceSecret, Set<String> activeKeysOfCollection)
      throws AdminException {
    Optional<Map<String, AttributeValue>> existing = credential(line.apiKey());
    if (existing.isEmpty()) {
      Set<String> others = new TreeSet<>(activeKeysOfCollection);
      others.remove(line.apiKey());
      if (!others.isEmpty()) {
        return ImportOutcome.conflict(COLLECTION_HAS_ACTIVE_KEY,
            "collection " + line.collectionId() + " already has an active credential (api_key "
                + String.join(", ", others) + "); revoke it first, or leave this line out");
      }
      PutItemRequest put =
          PutItemRequest.builder()
              .tableName(tableName)
              .item(NewCollectionItem.of(
                  line.apiKey(), line.collectionId(), line.secretHash(), STATUS_ACTIVE, clock.instant()))
              .conditionExpression(NewCollectionItem.NOT_EXISTS)
              .expressionAttributeNames(NewCollectionItem.NOT_EXISTS_NAMES)
              .build();
      try {
        call("PutItem", () -> client.putItem(put), line.secretHash());
        return ImportOutcome.of(ImportResult.CREATED);
      } catch (ConditionalCheckFailedException e) {
        existing = credential(line.apiKey()); // created meanwhile (a concurrent run, or an SDK retry of ours)
        if (existing.isEmpty()) {
          return ImportOutcome.conflict(CHANGED_DURING_IMPORT,
              "the credential changed while it was being imported; run import again");
        }
      }
    }
    Map<String, AttributeValue> item = existing.get();
    String storedCollection = string(item, COLLECTION_ID);
    if (!line.collectionId().equals(storedCollection)) {
      return ImportOutcome.conflict(OTHER_COLLECTION, "api_key belongs to collection " + storedCollection);
    }
    if (!STATUS_ACTIVE.equals(string(item, STATUS))) {
      return ImportOutcome.conflict(REVOKED, "the credential is " + string(item, STATUS)
          + "; import never reactivates one (create a new credential for the collection)");
    }
    String storedHash = string(item, SECRET_HASH);
    if (storedHash != null && MessageDigest.isEqual(
        storedHash.getBytes(StandardCharsets.US_ASCII), line.secretHash().getBytes(StandardCharsets.US_ASCII))) {
      return ImportOutcome.of(ImportResult.UNCHANGED);
    }
    if (!replaceSecret) {
      return ImportOutcome.conflict(OTHER_SECRET,
          "the stored secret differs from the file's; run with --replace-secret to store the file's");
    }
    Map<String, String> names = new HashMap<>(Map.of(
        "#collection_id", COLLECTION_ID, "#status", STATUS, "#secret_hash", SECRET_HASH, "#updated_at", UPDATED_AT));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":collection_id", s(line.collectionId()),
        ":active", s(STATUS_ACTIVE),
        ":new_hash", s(line.secretHash()),
        ":updated_at", s(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString())));
    String condition = "#collection_id = :collection_id AND #status = :active AND ";
    if (storedHash == null) {
      condition += "attribute_not_exists(#secret_hash)";
    } else {
      condition += "#secret_hash = :old_hash";
      values.put(":old_hash", s(storedHash));
    }
    UpdateItemRequest update =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(API_KEY, s(line.apiKey())))
            .updateExpression("SET #secret_hash = :new_hash, #updated_at = :updated_at")
            .conditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .build();
    try {
      call("UpdateItem", () -> client.updateItem(update), line.secretHash(), storedHash == null ? line.secretHash() : storedHash);
      return ImportOutcome.of(ImportResult.REPLACED);
    } catch (ConditionalCheckFailedException e) {
      return ImportOutcome.conflict(CHANGED_DURING_IMPORT,
          "the credential changed while it was being imported; run import again");
    }
  }

  /** The item of {@code apiKey} (collection id, status, secret hash), consistent; empty when there is none. */
  private Optional<Map<String, AttributeValue>> credential(String apiKey) throws AdminException {
    GetItemRequest get =
        GetItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(API_KEY, s(apiKey)))
            .consistentRead(true)
            .projectionExpression("#collection_id, #status, #secret_hash")
            .expressionAttributeNames(
                Map.of("#collection_id", COLLECTION_ID, "#status", STATUS, "#secret_hash", SECRET_HASH))
            .build();
    Map<String, AttributeValue> item = call("GetItem", () -> client.getItem(get)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /**
   * Streams every credential to {@code sink}, page by page, without ever reading a secret hash or a webhook
   * password: the projection leaves both out. Whether a password is set comes from a second, key-only Scan
   * filtered on {@code attribute_exists(webhook_pass)} (a filter may test an attribute the projection does not
   * return), run first so each credential is still printed exactly once.
   *
   * @return how many credentials were listed
   */
  public long list(Consumer<CredentialSummary> sink) throws AdminException {
    Set<String> withPass = keysHavingWebhookPass();
    ScanRequest scan =
        scan()
            .projectionExpression(
                "#api_key, #collection_id, #status, #webhook, #webhook_login, #created_at, #updated_at,"
                    + " #version")
            .expressionAttributeNames(
                Map.of(
                    "#api_key", API_KEY,
                    "#collection_id", COLLECTION_ID,
                    "#status", STATUS,
                    "#webhook", WEBHOOK,
                    "#webhook_login", WEBHOOK_LOGIN,
                    "#created_at", CREATED_AT,
                    "#updated_at", UPDATED_AT,
                    "#version", VERSION))
            .build();
    return call(
        "Scan",
        () -> {
          long count = 0;
          for (Map<String, AttributeValue> item : client.scanPaginator(scan).items()) {
            String apiKey = string(item, API_KEY);
            sink.accept(
                new CredentialSummary(
                    apiKey,
                    string(item, COLLECTION_ID),
                    string(item, STATUS),
                    string(item, WEBHOOK),
                    item.containsKey(WEBHOOK_LOGIN),
                    withPass.contains(apiKey),
                    string(item, CREATED_AT),
                    string(item, UPDATED_AT),
                    number(item, VERSION)));
            count++;
          }
          return count;
        });
  }

  /** The api keys of the items that have a {@code webhook_pass}; the password itself is never read. */
  private Set<String> keysHavingWebhookPass() throws AdminException {
    ScanRequest scan =
        scan()
            .projectionExpression("#api_key")
            .filterExpression("attribute_exists(#webhook_pass)")
            .expressionAttributeNames(Map.of("#api_key", API_KEY, "#webhook_pass", WEBHOOK_PASS))
            .build();
    return call(
        "Scan",
        () -> {
          Set<String> keys = new HashSet<>();
          client.scanPaginator(scan).items().forEach(item -> keys.add(string(item, API_KEY)));
          return keys;
        });
  }

  /** The status of {@code apiKey}, empty when there is no such item. */
  private Optional<String> status(String apiKey) throws AdminException {
    GetItemRequest get =
        GetItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(API_KEY, s(apiKey)))
            .consistentRead(true)
            .projectionExpression("#api_key, #status")
            .expressionAttributeNames(Map.of("#api_key", API_KEY, "#status", STATUS))
            .build();
    Map<String, AttributeValue> item = call("GetItem", () -> client.getItem(get)).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Optional.ofNullable(string(item, STATUS)).orElse("(no status)"));
  }

  /** Whether the item {@code apiKey} holds {@code secretHash}; compared here, never returned or printed. */
  private boolean storedHashIs(String apiKey, String secretHash) throws AdminException {
    GetItemRequest get =
        GetItemRequest.builder()
            .tableName(tableName)
            .key(Map.of(API_KEY, s(apiKey)))
            .consistentRead(true)
            .projectionExpression("#secret_hash")
            .expressionAttributeNames(Map.of("#secret_hash", SECRET_HASH))
            .build();
    Map<String, AttributeValue> item = call("GetItem", () -> client.getItem(get)).item();
    return item != null && secretHash.equals(string(item, SECRET_HASH));
  }

  /**
   * Runs one SDK call; {@link ConditionalCheckFailedException} passes through for the caller, any other SDK
   * failure becomes an {@link AdminException} naming the operation, the error code and a hint. Error messages
   * come from the server; any {@code sensitive} value (a secret hash sent in the request) is cut out of them.
   */
  private <T> T call(String operation, Supplier<T> body, String... sensitive) throws AdminException {
    try {
      return body.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw new AdminException(
          operation + " failed: table " + tableName + " does not exist there (locally, bin/local-api creates"
              + " it; on AWS, check TABLE_NAME against the stack output CollectionsTableName and the region)",
          e);
    } catch (SdkClientException e) {
      String message = redact(e.getMessage(), sensitive);
      if (noCredentials(e)) {
        // never sent: the default chain found nothing (aws configure, AWS_PROFILE, aws sso login...)
        throw new AdminException(operation + " not sent: no AWS credentials found. " + message, e);
      }
      throw new AdminException(operation + " got no answer from DynamoDB: " + message, e);
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      throw new AdminException(
          operation + " failed: " + code + " (HTTP " + e.statusCode() + ")"
              + (message == null ? "" : ": " + redact(message, sensitive)),
          e);
    } catch (SdkException e) {
      throw new AdminException(operation + " failed: " + redact(e.getMessage(), sensitive), e);
    }
  }

  private static String redact(String message, String... sensitive) {
    String result = String.valueOf(message);
    for (String value : sensitive) {
      result = result.replace(value, "***");
    }
    return result;
  }

  /**
   * Whether a failed write may nevertheless have been applied: no answer at all, or a server-side error (5xx).
   * A 4xx answer other than a failed condition means the write was rejected.
   */
  private static boolean outcomeUnknown(AdminException e) {
    return (e.getCause() instanceof SdkClientException client && !noCredentials(client))
        || (e.getCause() instanceof SdkServiceException service && service.statusCode() >= 500);
  }

  /** The credentials chain found nothing, so the request was never sent. */
  private static boolean noCredentials(SdkClientException e) {
    return String.valueOf(e.getMessage()).startsWith("Unable to load credentials");
  }

  /** A Scan of the table, page by page, strongly consistent (a credential written a moment ago is seen). */
  private ScanRequest.Builder scan() {
    return ScanRequest.builder().tableName(tableName).limit(scanPageSize).consistentRead(true);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static BigDecimal number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? null : new BigDecimal(value.n());
  }
}
