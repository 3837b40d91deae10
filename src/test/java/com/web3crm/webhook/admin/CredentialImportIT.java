package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code bin/collections import} end to end against the real test server: credentials of an existing platform go in
 * as hashes, a second run changes nothing, conflicts are reported and never overwritten, {@code --replace-secret}
 * replaces only the hash, and the imported credentials then work (and a wrong secret does not) through the real
 * handlers. No secret of the file appears in anything the tool prints.
 */
@ExtendWith(TestDynamoDb.class)
class CredentialImportIT {
  private final TestDynamoDb db;
  private final String table;
  private final DynamoDbClient client;
  private final GetWebhookHandler get;
  private final RegisterWebhookHandler register;
  private final CapturingContext context = new CapturingContext();
  private final List<String> secrets = new ArrayList<>();
  @TempDir Path dir;

  CredentialImportIT(TestDynamoDb db) {
    this.db = db;
    this.table = db.createTable("import");
    this.client = db.client(table);
    CollectionStore store = new CollectionStore(client, table);
    this.get = new GetWebhookHandler(store);
    this.register = new RegisterWebhookHandler(store, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** An existing platform's secret: 128 random bits as 32 hex characters (no cs_ prefix). */
  private String newSecret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    SecretLedger.secret(secret);
    secrets.add(secret);
    return secret;
  }

  private static String line(String collectionId, String apiKey, String apiSecret) {
    return "{\"collection_id\":\"" + collectionId + "\",\"api_key\":\"" + apiKey + "\",\"api_secret\":\"" + apiSecret
        + "\"}";
  }

  private Path file(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "creds", ".jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private record Run(int exit, String stdout, String stderr) {
    List<JsonNode> results() {
      return stdout.lines().map(ApiFixture::parse).toList();
    }
  }

  private Run run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), Map.of("DYNAMODB_ENDPOINT", db.endpoint().toString(),
        "TABLE_NAME", table), args);
  }

  /** One in-process run; everything it printed goes to the run's logs and is checked for the file's secrets here. */
  private Run run(InputStream in, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = CollectionsCli.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, null);
    Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    RunLogs.append("admin-tool", run.stdout() + run.stderr());
    for (String secret : List.copyOf(secrets)) {
      assertThat(run.stdout() + run.stderr()).doesNotContain(secret).doesNotContain(SecretHash.of(secret));
    }
    return run;
  }

  private Map<String, AttributeValue> item(String apiKey) {
    var response = client.getItem(b -> b.tableName(table).key(Map.of(CollectionItem.API_KEY, ApiFixture.s(apiKey)))
        .consistentRead(true));
    return response.hasItem() ? response.item() : Map.of();
  }

  private List<Map<String, AttributeValue>> scan() {
    List<Map<String, AttributeValue>> items = new ArrayList<>(
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream().toList());
    items.sort(Comparator.comparing(i -> i.get(CollectionItem.API_KEY).s()));
    return items;
  }

  private Response getWebhook(String apiKey, String apiSecret) {
    return Response.of(get.handleRequest(EventBuilder.get().credentials(apiKey, apiSecret).build(), context));
  }

  private Response registerWebhook(String apiKey, String apiSecret, String form) {
    return Response.of(register.handleRequest(
        EventBuilder.post().credentials(apiKey, apiSecret).form(form).build(), context));
  }

  @Test
  void import_storesOnlyHashes_andTheImportedCredentialsWorkThroughTheHandlers_whileAWrongSecretDoesNot()
      throws IOException {
    String s1 = newSecret();
    String s2 = newSecret();
    Path file = file(line("legacy-collection-1", "legacy-key-1", s1), line("legacy-collection-2", "LK2", s2));
    Instant before = Instant.now().minusMillis(1);

    Run run = run("import", "--file", file.toString());

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo(
        "{\"line\":1,\"api_key\":\"legacy-key-1\",\"collection_id\":\"legacy-collection-1\",\"result\":\"created\"}\n"
            + "{\"line\":2,\"api_key\":\"LK2\",\"collection_id\":\"legacy-collection-2\",\"result\":\"created\"}\n");
    assertThat(run.stderr()).contains("import: 2 of 2 lines: 2 created, 0 unchanged, 0 replaced, 0 in conflict");
    Map<String, AttributeValue> stored = item("legacy-key-1");
    assertThat(stored.keySet()).containsExactlyInAnyOrder(
        "api_key", "collection_id", "secret_hash", "status", "created_at", "updated_at", "version");
    assertThat(stored.get("secret_hash").s()).isEqualTo(SecretHash.of(s1));
    assertThat(stored.get("status").s()).isEqualTo("active");
    assertThat(stored.get("version").n()).isEqualTo("0");
    assertThat(Instant.parse(stored.get("created_at").s())).isAfter(before);
    assertThat(scan()).allSatisfy(item -> assertThat(item.values()).noneMatch(
        v -> s1.equals(v.s()) || s2.equals(v.s())));

    Response read = getWebhook("legacy-key-1", s1);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(
        "{\"status\":true,\"data\":{\"webhook\":null,\"webhook_pass\":null,\"webhook_login\":null}}");
    assertThat(registerWebhook("LK2", s2, "webhook=https%3A%2F%2Fhooks.example.com%2Flegacy").status()).isEqualTo(200);
    assertThat(getWebhook("LK2", s2).json().at("/data/webhook").asText()).isEqualTo("https://hooks.example.com/legacy");

    for (Response wrong : List.of(getWebhook("legacy-key-1", s2), getWebhook("LK2", s1),
        registerWebhook("legacy-key-1", s2, "webhook_login=x"))) {
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.message()).isEqualTo("api_key or api_secret invalid");
    }
  }

  @Test
  void aSecondImportOfTheSameFile_changesNothing_andReportsEveryLineUnchanged() throws IOException {
    String s1 = newSecret();
    String s2 = newSecret();
    Path file = file(line("c-1", "key-1", s1), line("c-2", "key-2", s2));
    assertThat(run("import", "--file", file.toString()).exit()).isZero();
    assertThat(registerWebhook("key-1", s1, "webhook=https%3A%2F%2Fhooks.example.com%2Fa&webhook_pass=kept-pass-1")
        .status()).isEqualTo(200);
    List<Map<String, AttributeValue>> before = scan();

    Run again = run("import", "--file", file.toString());

    assertThat(again.exit()).as(again.stderr()).isZero();
    assertThat(again.results()).extracting(r -> r.get("result").asText()).containsExactly("unchanged", "unchanged");
    assertThat(again.stderr()).contains("import: 2 of 2 lines: 0 created, 2 unchanged, 0 replaced, 0 in conflict");
    assertThat(scan()).isEqualTo(before);
  }

  @Test
  void conflicts_areReportedPerLine_andNothingIsOverwritten() throws IOException {
    String s1 = newSecret();
    String s2 = newSecret();
    String s3 = newSecret();
    String s4 = newSecret();
    String s5 = newSecret();
    String s6 = newSecret();
    assertThat(run("import", "--file", file(line("c-1", "key-1", s1), line("c-2", "key-2", s2),
        line("c-3", "key-3", s3)).toString()).exit()).isZero();
    assertThat(run("revoke", "--api-key", "key-3").exit()).isZero();
    CliRun created = CliRun.of(Map.of("DYNAMODB_ENDPOINT", db.endpoint().toString(), "TABLE_NAME", table), null,
        "create", "--collection-id", "c-4");
    assertThat(created.exit()).as(created.stderr()).isZero();
    String c4Key = ApiFixture.parse(created.stdout()).get("api_key").asText();
    List<Map<String, AttributeValue>> before = scan();

    Run run = run("import", "--file", file(
        line("c-1", "key-1", s4),            // same key and collection, another secret
        line("c-other", "key-2", s2),        // the key belongs to another collection
        line("c-3", "key-3", s3),            // revoked
        line("c-4", "key-4", s5),            // a new key for a collection that has an active credential
        line("c-5", "key-5", s6)).toString()); // new

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.results()).extracting(r -> r.get("line").asInt() + " " + r.get("result").asText() + " "
        + r.path("reason").asText("")).containsExactly(
        "1 conflict other_secret", "2 conflict other_collection", "3 conflict revoked",
        "4 conflict collection_has_active_key", "5 created ");
    assertThat(run.results().get(1).get("detail").asText()).isEqualTo("api_key belongs to collection c-2");
    assertThat(run.results().get(3).get("detail").asText()).contains("api_key " + c4Key);
    assertThat(run.stderr()).contains("import: 5 of 5 lines: 1 created, 0 unchanged, 0 replaced, 4 in conflict",
        "error: 4 lines are in conflict: nothing was written for them");
    List<Map<String, AttributeValue>> after = scan();
    assertThat(after).hasSize(before.size() + 1);
    assertThat(after).containsAll(before);
    assertThat(item("key-4")).isEmpty();
    assertThat(getWebhook("key-1", s4).status()).isEqualTo(400);
    assertThat(getWebhook("key-1", s1).status()).isEqualTo(200);
    assertThat(getWebhook("key-3", s3).message()).isEqualTo("api_key or api_secret invalid");
  }

  @Test
  void replaceSecret_storesTheFilesSecretForTheSameActiveCredential_keepingItsWebhook() throws IOException {
    String oldSecret = newSecret();
    String newSecret = newSecret();
    assertThat(run("import", "--file", file(line("c-1", "key-1", oldSecret)).toString()).exit()).isZero();
    assertThat(registerWebhook("key-1", oldSecret,
        "webhook=https%3A%2F%2Fhooks.example.com%2Fkept&webhook_login=ops&webhook_pass=kept-pass-2").status())
        .isEqualTo(200);
    Map<String, AttributeValue> before = item("key-1");
    Path file = file(line("c-1", "key-1", newSecret));

    Run withoutFlag = run("import", "--file", file.toString());
    Run withFlag = run("import", "--file", file.toString(), "--replace-secret");
    Run again = run("import", "--file", file.toString(), "--replace-secret");

    assertThat(withoutFlag.exit()).isEqualTo(1);
    assertThat(withoutFlag.results().get(0).get("reason").asText()).isEqualTo("other_secret");
    assertThat(withFlag.exit()).as(withFlag.stderr()).isZero();
    assertThat(withFlag.results().get(0).get("result").asText()).isEqualTo("replaced");
    assertThat(again.results().get(0).get("result").asText()).isEqualTo("unchanged");
    Map<String, AttributeValue> after = item("key-1");
    assertThat(after.get("secret_hash").s()).isEqualTo(SecretHash.of(newSecret));
    for (String kept : List.of("collection_id", "status", "webhook", "webhook_login", "webhook_pass", "version",
        "created_at")) {
      assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
    }
    assertThat(getWebhook("key-1", oldSecret).status()).isEqualTo(400);
    Response read = getWebhook("key-1", newSecret);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().at("/data/webhook").asText()).isEqualTo("https://hooks.example.com/kept");
  }

  @Test
  void aFileWithBadLines_isRefusedWhole_beforeAnyConnection() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String good = newSecret();
    Path file = file(line("c-1", "key-1", good), line("c-2", "key 2", newSecret()), "not json",
        line("c-1", "key-4", newSecret()));

    Run run = run(new ByteArrayInputStream(new byte[0]),
        Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + closedPort, "TABLE_NAME", table),
        "import", "--file", file.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).isEqualTo(
        "error: line 2: api_key must be 1-256 printable ASCII characters without spaces (the routes answer any other"
            + " key as invalid)\n"
            + "error: line 3: not valid JSON (column 1)\n"
            + "error: line 4: collection_id c-1 is also on line 1 (a collection has one active credential)\n"
            + "nothing was imported: 3 problems in " + file + "\n");
    assertThat(scan()).isEmpty();
  }

  @Test
  void stdin_isReadWithFileDash() {
    String secret = newSecret();
    byte[] input = (line("c-1", "key-1", secret) + "\n").getBytes(StandardCharsets.UTF_8);

    Run run = run(new ByteArrayInputStream(input),
        Map.of("DYNAMODB_ENDPOINT", db.endpoint().toString(), "TABLE_NAME", table), "import", "--file", "-");

    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.results().get(0).get("result").asText()).isEqualTo("created");
    assertThat(getWebhook("key-1", secret).status()).isEqualTo(200);
  }

  @Test
  void aMissingFile_isAnErrorNamingIt() {
    Run run = run("import", "--file", dir.resolve("absent.jsonl").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stderr()).startsWith("error: cannot read " + dir.resolve("absent.jsonl") + ": NoSuchFileException");
  }

  /** Two runs of one file at once (conditional writes): every credential created once, the other run unchanged. */
  @Test
  void concurrentImportsOfOneFile_createEachCredentialExactlyOnce() throws Exception {
    String[] lines = IntStream.range(0, 25).mapToObj(i -> line("cc-" + i, "ck-concurrent-" + i, newSecret()))
        .toArray(String[]::new);
    Path file = file(lines);
    Callable<Run> importing = () -> run("import", "--file", file.toString());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Run> runs;
    try {
      List<Future<Run>> futures = pool.invokeAll(List.of(importing, importing));
      runs = new ArrayList<>();
      for (Future<Run> future : futures) {
        runs.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    for (Run run : runs) {
      assertThat(run.exit()).as(run.stderr()).isZero();
    }
    for (int line = 1; line <= lines.length; line++) {
      int number = line;
      List<String> results = runs.stream().flatMap(r -> r.results().stream())
          .filter(r -> r.get("line").asInt() == number).map(r -> r.get("result").asText()).sorted().toList();
      assertThat(results).as("line " + line).containsExactly("created", "unchanged");
    }
    assertThat(scan()).hasSize(lines.length);
  }
}
