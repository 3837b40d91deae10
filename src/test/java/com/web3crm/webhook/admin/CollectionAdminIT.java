package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.local.DynaliteProcess;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * bin/collections end to end against a real dynalite over HTTP: the CLI runs in-process through
 * {@link CollectionsCli#run}, with its own stdout/stderr and an environment pointing at the server. One in-memory
 * dynalite for the class ({@link DynaliteProcess}), a fresh table per test ({@link LocalTable#ensure}).
 */
class CollectionAdminIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DynaliteProcess dynalite;
  private static DynamoDbClient client;

  private String table;

  @BeforeAll
  static void startServer() throws Exception {
    dynalite = DynaliteProcess.start(projectDir(), null); // in-memory
    client =
        DynamoDbClients.create(
            new StoreConfig("unused", Region.US_EAST_1, Optional.of(dynalite.endpoint())),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @BeforeEach
  void freshTable() {
    table = "collections-it-" + UUID.randomUUID();
    LocalTable.ensure(client, table);
  }

  @Test
  void createListRotateRevokeLifecycle() throws Exception {
    // create: exactly one JSON object on stdout, the secret nowhere else
    CliRun created = cli("create", "--collection-id", "lifecycle-1");
    assertThat(created.exit()).as(created.stderr()).isZero();
    JsonNode credential = singleJsonObject(created.stdout());
    assertThat(fieldNames(credential)).containsExactly("collection_id", "api_key", "api_secret");
    assertThat(credential.get("collection_id").asText()).isEqualTo("lifecycle-1");
    String apiKey = credential.get("api_key").asText();
    String secret = credential.get("api_secret").asText();
    assertThat(apiKey).matches("ck_[A-Za-z0-9_-]{22}");
    assertThat(secret).matches("cs_[A-Za-z0-9_-]{43}");
    assertThat(created.stderr())
        .contains("collections: endpoint " + dynalite.endpoint(), "table " + table)
        .doesNotContain(secret)
        .doesNotContain(SecretHash.of(secret));

    // stored: the hash of the printed secret, never the secret
    Map<String, AttributeValue> item = getItem(apiKey);
    assertThat(item.get("secret_hash").s()).isEqualTo(SecretHash.of(secret));
    assertThat(item.get("collection_id").s()).isEqualTo("lifecycle-1");
    assertThat(item.get("status").s()).isEqualTo("active");
    assertThat(item.get("version").n()).isEqualTo("0");
    assertThat(item.get("created_at").s()).isEqualTo(item.get("updated_at").s());
    assertThat(Instant.parse(item.get("created_at").s())).isBeforeOrEqualTo(Instant.now());
    assertThat(item.values()).noneMatch(value -> secret.equals(value.s()));
    assertThat(item.keySet())
        .containsExactlyInAnyOrder(
            "api_key", "collection_id", "secret_hash", "status", "created_at", "updated_at", "version");

    // list: shows it, without secret or hash
    CliRun listed = cli("list");
    assertThat(listed.exit()).as(listed.stderr()).isZero();
    List<JsonNode> rows = jsonLines(listed.stdout());
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(fieldNames(row))
        .containsExactly(
            "api_key",
            "collection_id",
            "status",
            "webhook",
            "has_webhook_login",
            "has_webhook_pass",
            "created_at",
            "updated_at",
            "version");
    assertThat(row.get("api_key").asText()).isEqualTo(apiKey);
    assertThat(row.get("collection_id").asText()).isEqualTo("lifecycle-1");
    assertThat(row.get("status").asText()).isEqualTo("active");
    assertThat(row.get("webhook").isNull()).isTrue();
    assertThat(row.get("has_webhook_login").asBoolean()).isFalse();
    assertThat(row.get("has_webhook_pass").asBoolean()).isFalse();
    assertThat(row.get("created_at").asText()).isEqualTo(item.get("created_at").s());
    assertThat(row.get("version").isIntegralNumber()).isTrue();
    assertThat(row.get("version").asLong()).isZero();
    assertNoSecrets(listed, secret);

    // rotate-secret: a new secret, a new hash; the old secret no longer matches
    CliRun rotated = cli("rotate-secret", "--api-key", apiKey);
    assertThat(rotated.exit()).as(rotated.stderr()).isZero();
    JsonNode rotation = singleJsonObject(rotated.stdout());
    assertThat(fieldNames(rotation)).containsExactly("api_key", "api_secret");
    assertThat(rotation.get("api_key").asText()).isEqualTo(apiKey);
    String newSecret = rotation.get("api_secret").asText();
    assertThat(newSecret).matches("cs_[A-Za-z0-9_-]{43}").isNotEqualTo(secret);
    assertThat(rotated.stderr()).doesNotContain(newSecret).doesNotContain(SecretHash.of(newSecret));
    Map<String, AttributeValue> afterRotation = getItem(apiKey);
    String storedHash = afterRotation.get("secret_hash").s();
    assertThat(storedHash).isEqualTo(SecretHash.of(newSecret)).isNotEqualTo(item.get("secret_hash").s());
    assertThat(SecretHash.matches(newSecret, storedHash)).isTrue();
    assertThat(SecretHash.matches(secret, storedHash)).isFalse();
    assertThat(afterRotation.get("status").s()).isEqualTo("active");
    assertThat(afterRotation.get("version").n()).isEqualTo("0");
    assertThat(afterRotation.get("created_at").s()).isEqualTo(item.get("created_at").s());
    assertThat(Instant.parse(afterRotation.get("updated_at").s()))
        .isAfterOrEqualTo(Instant.parse(item.get("updated_at").s()));

    // revoke, twice: idempotent
    CliRun revoked = cli("revoke", "--api-key", apiKey);
    assertThat(revoked.exit()).as(revoked.stderr()).isZero();
    assertThat(singleJsonObject(revoked.stdout()).toString())
        .isEqualTo("{\"api_key\":\"" + apiKey + "\",\"status\":\"revoked\"}");
    String revokedAt = getItem(apiKey).get("updated_at").s();
    CliRun revokedAgain = cli("revoke", "--api-key", apiKey);
    assertThat(revokedAgain.exit()).as(revokedAgain.stderr()).isZero();
    assertThat(singleJsonObject(revokedAgain.stdout()).get("status").asText()).isEqualTo("revoked");
    assertThat(revokedAgain.stderr()).contains("already revoked");
    assertThat(getItem(apiKey).get("updated_at").s()).isEqualTo(revokedAt);
    assertThat(getItem(apiKey).get("secret_hash").s()).isEqualTo(storedHash);

    // list shows it revoked
    CliRun listedAgain = cli("list");
    assertThat(listedAgain.exit()).isZero();
    List<JsonNode> rowsAgain = jsonLines(listedAgain.stdout());
    assertThat(rowsAgain).hasSize(1);
    assertThat(rowsAgain.get(0).get("status").asText()).isEqualTo("revoked");
    assertThat(rowsAgain.get(0).get("updated_at").asText()).isEqualTo(revokedAt);
    assertNoSecrets(listedAgain, secret, newSecret);

    // a revoked credential cannot be rotated
    CliRun rotateRevoked = cli("rotate-secret", "--api-key", apiKey);
    assertThat(rotateRevoked.exit()).isEqualTo(1);
    assertThat(rotateRevoked.stdout()).isEmpty();
    assertThat(rotateRevoked.stderr()).contains("is revoked, not active").doesNotContain("\tat ");
    assertThat(getItem(apiKey).get("secret_hash").s()).isEqualTo(storedHash);

    // with the old credential revoked, the collection may get a new one
    CliRun recreated = cli("create", "--collection-id", "lifecycle-1");
    assertThat(recreated.exit()).as(recreated.stderr()).isZero();
    assertThat(singleJsonObject(recreated.stdout()).get("api_key").asText()).isNotEqualTo(apiKey);
  }

  @Test
  void createIsRefusedWhileTheCollectionHasAnActiveCredential() throws Exception {
    CliRun first = cli("create", "--collection-id", "dup-1");
    assertThat(first.exit()).as(first.stderr()).isZero();
    String apiKey = singleJsonObject(first.stdout()).get("api_key").asText();

    CliRun second = cli("create", "--collection-id", "dup-1");

    assertThat(second.exit()).isEqualTo(1);
    assertThat(second.stdout()).isEmpty();
    assertThat(second.stderr())
        .contains("dup-1 already has an active credential", apiKey, "rotate-secret --api-key " + apiKey)
        .doesNotContain("\tat ");
    assertThat(scanAll()).hasSize(1);
    // another collection is unaffected
    assertThat(cli("create", "--collection-id", "dup-2").exit()).isZero();
    assertThat(scanAll()).hasSize(2);
  }

  @Test
  void unknownKeysFailWithExit1() throws Exception {
    CliRun rotate = cli("rotate-secret", "--api-key", "ck_doesnotexist0000000000");
    assertThat(rotate.exit()).isEqualTo(1);
    assertThat(rotate.stdout()).isEmpty();
    assertThat(rotate.stderr()).contains("no credential with api_key ck_doesnotexist0000000000");

    CliRun revoke = cli("revoke", "--api-key", "ck_doesnotexist0000000000");
    assertThat(revoke.exit()).isEqualTo(1);
    assertThat(revoke.stdout()).isEmpty();
    assertThat(revoke.stderr()).contains("no credential with api_key ck_doesnotexist0000000000");

    assertThat(scanAll()).isEmpty(); // neither created an item
  }

  @Test
  void listReportsWebhookSettingsButNeverTheirSecrets() throws Exception {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("api_key", s("ck_withwebhook"));
    item.put("collection_id", s("hooked"));
    item.put("secret_hash", s(SecretHash.of("cs_seeded")));
    item.put("status", s("active"));
    item.put("webhook", s("https://example.com/hook?a=1&b=\"x\""));
    item.put("webhook_login", s("hook-user-login"));
    item.put("webhook_pass", s("hook-password-value"));
    item.put("created_at", s("2026-01-01T00:00:00Z"));
    item.put("updated_at", s("2026-01-02T00:00:00Z"));
    item.put("version", AttributeValue.fromN("3"));
    client.putItem(b -> b.tableName(table).item(item));

    CliRun listed = cli("list");

    assertThat(listed.exit()).as(listed.stderr()).isZero();
    JsonNode row = jsonLines(listed.stdout()).get(0);
    assertThat(row.get("webhook").asText()).isEqualTo("https://example.com/hook?a=1&b=\"x\"");
    assertThat(row.get("has_webhook_login").asBoolean()).isTrue();
    assertThat(row.get("has_webhook_pass").asBoolean()).isTrue();
    assertThat(row.get("version").asLong()).isEqualTo(3);
    assertThat(listed.stdout() + listed.stderr())
        .doesNotContain("hook-password-value")
        .doesNotContain("hook-user-login")
        .doesNotContain(SecretHash.of("cs_seeded"));
  }

  @Test
  void listAndTheActiveCheckFollowScanPages() throws Exception {
    CollectionAdmin admin = new CollectionAdmin(client, table, Clock.systemUTC(), 2);
    CredentialGenerator generator = new CredentialGenerator(new SecureRandom());
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      NewCredential created = admin.create("paged-" + i, generator);
      keys.add(created.apiKey());
      if (i % 3 == 0) {
        putWebhookPass(created.apiKey());
      }
    }

    List<CredentialSummary> listed = new ArrayList<>();
    long count = admin.list(listed::add);

    assertThat(count).isEqualTo(9);
    assertThat(listed).extracting(CredentialSummary::apiKey).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(listed).filteredOn(CredentialSummary::hasWebhookPass).hasSize(3);
    // every collection's active credential is found, whichever page it is on
    for (int i = 0; i < 9; i++) {
      assertThat(admin.findActiveApiKey("paged-" + i)).contains(keys.get(i));
    }
    assertThat(admin.findActiveApiKey("paged-none")).isEmpty();
  }

  @Test
  void aMissingTableIsAClearErrorWithoutStackTraceUnlessDebug() {
    Map<String, String> env =
        Map.of("DYNAMODB_ENDPOINT", dynalite.endpoint().toString(), "TABLE_NAME", "no-such-table");

    CliRun plain = cli(env, "list");
    assertThat(plain.exit()).isEqualTo(1);
    assertThat(plain.stderr()).contains("table no-such-table does not exist").doesNotContain("\tat ");

    Map<String, String> debugEnv = new HashMap<>(env);
    debugEnv.put("DEBUG", "1");
    CliRun debug = cli(debugEnv, "list");
    assertThat(debug.exit()).isEqualTo(1);
    assertThat(debug.stderr()).contains("ResourceNotFoundException", "\tat ");
  }

  @Test
  void findsTheServerOfBinLocalApiThroughTheEndpointFile(@TempDir Path project) throws Exception {
    Files.createDirectories(project.resolve(".local-data"));
    Files.writeString(project.resolve(".local-data/dynamodb-endpoint"), dynalite.endpoint() + "\n");

    CliRun run = cli(Map.of("TABLE_NAME", table), project, "create", "--collection-id", "via-file");

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stderr()).contains("from .local-data/dynamodb-endpoint");
    assertThat(singleJsonObject(run.stdout()).get("collection_id").asText()).isEqualTo("via-file");
  }

  // ---- helpers ----

  private CliRun cli(String... args) {
    return cli(Map.of("DYNAMODB_ENDPOINT", dynalite.endpoint().toString(), "TABLE_NAME", table), null, args);
  }

  private CliRun cli(Map<String, String> env, String... args) {
    return cli(env, null, args);
  }

  private CliRun cli(Map<String, String> env, Path project, String... args) {
    return CliRun.of(env, project, args);
  }

  /** The whole of {@code stdout} is one JSON object followed by one newline: nothing before, nothing after. */
  private static JsonNode singleJsonObject(String stdout) throws IOException {
    assertThat(stdout).endsWith("\n");
    assertThat(stdout.substring(0, stdout.length() - 1)).doesNotContain("\n");
    List<JsonNode> values;
    try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(stdout)) {
      values = it.readAll();
    }
    assertThat(values).hasSize(1);
    assertThat(values.get(0).isObject()).isTrue();
    return values.get(0);
  }

  private static List<JsonNode> jsonLines(String stdout) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (!line.isEmpty()) {
        JsonNode row = JSON.readTree(line);
        assertThat(row.isObject()).isTrue();
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertNoSecrets(CliRun run, String... secrets) {
    String all = run.stdout() + run.stderr();
    assertThat(all).doesNotContain("secret", "hash", "\"webhook_pass\"", "\"webhook_login\"");
    for (String secret : secrets) {
      assertThat(all).doesNotContain(secret).doesNotContain(SecretHash.of(secret));
    }
  }

  private Map<String, AttributeValue> getItem(String apiKey) {
    return client.getItem(b -> b.tableName(table).key(Map.of("api_key", s(apiKey))).consistentRead(true)).item();
  }

  private void putWebhookPass(String apiKey) {
    client.updateItem(
        b ->
            b.tableName(table)
                .key(Map.of("api_key", s(apiKey)))
                .updateExpression("SET webhook_pass = :p")
                .expressionAttributeValues(Map.of(":p", s("pw"))));
  }

  private List<Map<String, AttributeValue>> scanAll() {
    return StreamSupport.stream(
            client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().spliterator(), false)
        .toList();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static Path projectDir() {
    String property = System.getProperty("project.basedir");
    return Path.of(property == null || property.isBlank() ? "" : property).toAbsolutePath();
  }
}
