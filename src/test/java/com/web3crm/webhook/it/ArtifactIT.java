package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.EmfDocument;
import com.web3crm.webhook.testing.ErroringDynamoDb;
import com.web3crm.webhook.testing.ErroringDynamoDb.ErrorAnswer;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The deployment artifact ({@code target/lambda-artifact}, what {@code sam build} ships through the Makefile) is one
 * shrunk jar, {@code lib/crm-webhook.jar} (pom.xml: maven-shade-plugin with minimizeJar and explicit keeps), holds
 * the functions and nothing local, stays within its size budget, and runs on its own: both functions, in fresh JVMs
 * whose class path is the artifact plus only the runtime emulation (the Lambda serializers and {@link ArtifactRunner}).
 * Configuration comes only from environment variables, as in Lambda: the handlers' public no-arg constructors read
 * {@code TABLE_NAME}, {@code AWS_REGION} and {@code DYNAMODB_ENDPOINT}, so this also covers the production init path.
 *
 * <p>Because the shrinking drops classes the build cannot prove unused, every path a request can take runs here from
 * the shrunk jar: bin/invoke's own main class, the SnapStart priming hooks, every {@code events/} file (200s, 400s, the conditional-check failure of a wrong secret), container
 * credentials (what SnapStart functions get), a store that is down (connection refused), one that never answers
 * (timeouts), one that throttles (the SDK's retry), and the production path: no endpoint override, the regional
 * HTTPS endpoint, TLS and SigV4 (against a loopback stand-in reached through a proxy).
 *
 * <p>{@code -Dartifact.classLoadLogs=DIR} makes every artifact JVM log the classes it loads
 * ({@code -Xlog:class+load}) to {@code DIR/<scenario>.log}, to check the keep lists in pom.xml against what each
 * path really loads.
 */
@ExtendWith(TestDynamoDb.class)
class ArtifactIT {
  private static final Path ARTIFACT = TestDynamoDb.projectDir().resolve("target/lambda-artifact");
  private static final String JAR = "lib/crm-webhook.jar";
  /** The issue's budget for the zip SAM uploads (decimal MB, as the peers' sizes are given). */
  private static final long MAX_ZIP_BYTES = 6_000_000;
  /**
   * Issue 5's budget: the OpenAPI, template-check, observability and operations work may grow the jar by at most
   * 200 KB over its size before that work (5,604,363 bytes, built at commit 8c3b6a5). Growing past it needs a
   * decision written down, not a quiet change of this number.
   */
  private static final long JAR_BYTES_BEFORE_ISSUE_5 = 5_604_363;
  private static final long ISSUE_5_GROWTH_BYTES = 200 * 1024;

  @Test
  void artifact_isOneJar_holdingTheFunctionsAndOneHttpClient_andNothingLocalOrTestOnly() throws IOException {
    try (Stream<Path> files = Files.walk(ARTIFACT)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> ARTIFACT.relativize(p).toString().replace('\\', '/')))
          .containsExactly(JAR);
    }
    List<String> entries = entries();
    assertThat(entries).contains(
        "com/web3crm/webhook/RegisterWebhookHandler.class",
        "com/web3crm/webhook/GetWebhookHandler.class",
        "software/amazon/awssdk/http/apache5/Apache5HttpClient.class",
        "software/amazon/awssdk/services/dynamodb/DefaultDynamoDbClient.class",
        "org/joda/time/DateTime.class",
        "org/crac/Core.class", "org/crac/Core$Compat.class", "org/crac/Core$ResourceWrapper.class",
        "com/web3crm/webhook/SnapStartPriming.class");
    List<String> forbidden = List.of(
        // local tooling, tests, benchmarks
        "com/web3crm/webhook/local/", "com/web3crm/webhook/admin/", "com/web3crm/webhook/testing/",
        "com/web3crm/webhook/bench/", "com/web3crm/webhook/it/",
        // test and runtime-emulation libraries
        "com/fasterxml/", "org/yaml/", "org/junit/", "org/testcontainers/", "org/assertj/",
        "com/amazonaws/services/lambda/runtime/serialization/",
        // every other HTTP client
        "software/amazon/awssdk/http/urlconnection/", "software/amazon/awssdk/http/apache/",
        "software/amazon/awssdk/http/crt/", "software/amazon/awssdk/crt/", "software/amazon/awssdk/http/nio/",
        "io/netty/", "org/apache/http/",
        // what the shrinking drops on purpose
        "software/amazon/awssdk/regions/servicemetadata/", "software/amazon/awssdk/services/dynamodb/streams/",
        "META-INF/maven/");
    assertThat(entries).noneMatch(e -> forbidden.stream().anyMatch(e::startsWith));
    assertThat(entries).noneMatch(e -> e.endsWith("module-info.class") || e.matches("META-INF/[^/]+\\.(SF|RSA|DSA)"));
  }

  @Test
  void artifact_zippedAsSamUploadsIt_fitsTheSizeBudget_andTheJarIssue5sGrowthBudget() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip); Stream<Path> files = Files.walk(ARTIFACT)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry(ARTIFACT.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    long classes = entries().stream().filter(e -> e.endsWith(".class")).count();
    System.out.println("[ArtifactIT] artifact: " + Files.size(ARTIFACT.resolve(JAR)) + " bytes (" + JAR + "), zip "
        + zip.size() + " bytes, " + classes + " classes");
    assertThat((long) zip.size()).isLessThanOrEqualTo(MAX_ZIP_BYTES);
    assertThat(Files.size(ARTIFACT.resolve(JAR)))
        .as("the jar within issue 5's growth budget (%d bytes before it + %d)", JAR_BYTES_BEFORE_ISSUE_5,
            ISSUE_5_GROWTH_BYTES)
        .isLessThanOrEqualTo(JAR_BYTES_BEFORE_ISSUE_5 + ISSUE_5_GROWTH_BYTES);
  }

  @Test
  void primedThenEveryEventFile_fromTheArtifact_withContainerCredentials_givesItsDocumentedStatus(TestDynamoDb db)
      throws Exception {
    String table = db.createTable("artifact");
    try (var client = db.client(table)) {
      LocalTable.ensureDemoCollection(client, table);
    }
    SecretLedger.secret(LocalTable.DEMO_API_SECRET);
    List<Arguments> expectations = EventFilesIT.expectations().toList();
    List<String> events = new ArrayList<>(List.of(
        "RegisterWebhookFunction=events/register-json.json", "GetWebhookFunction=events/get-webhook.json"));
    for (Arguments expectation : expectations) {
      Object[] row = expectation.get();
      events.add(row[1] + "=events/" + row[0]);
    }
    events.forEach(e -> SecretLedger.event(read(e.substring(e.indexOf('=') + 1))));

    AtomicInteger credentialFetches = new AtomicInteger();
    HttpServer credentials = containerCredentialsEndpoint(credentialFetches);
    try {
      Map<String, String> env = new HashMap<>(storeEnv(table, db.endpoint().toString()));
      env.remove("AWS_ACCESS_KEY_ID");
      env.remove("AWS_SECRET_ACCESS_KEY");
      env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "http://127.0.0.1:" + credentials.getAddress().getPort() + "/creds");
      env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "artifact-it-token");
      List<String> primedThenEvents = new ArrayList<>(List.of("--prime"));
      primedThenEvents.addAll(events);
      List<JsonNode> responses = run("events", env, List.of(), primedThenEvents);

      assertThat(responses.get(0).get("statusCode").asInt()).as(responses.get(0).toString()).isEqualTo(200);
      assertThat(ApiFixture.parse(responses.get(1).get("body").asText()).at("/data/webhook").asText())
          .isEqualTo("https://hooks.example.com/crm/json?source=api");
      for (int i = 0; i < expectations.size(); i++) {
        Object[] row = expectations.get(i).get();
        JsonNode response = responses.get(i + 2);
        assertThat(response.get("statusCode").asInt()).as(row[0] + ": " + response).isEqualTo((int) row[2]);
        if (row[3] != null && !row[1].equals("GetWebhookFunction")) {
          assertThat(response.get("body").asText()).as((String) row[0]).isEqualTo(row[3]);
        }
      }
      assertThat(credentialFetches.get()).as("credentials came from the container endpoint").isPositive();
    } finally {
      credentials.stop(0);
    }
  }

  /** What bin/invoke runs (its main class, one event per JVM), on the artifact's class path. */
  @Test
  void binInvoke_runsBothFunctionsFromTheArtifact(TestDynamoDb db) throws Exception {
    String table = db.createTable("artifact-invoke");
    try (var client = db.client(table)) {
      LocalTable.ensureDemoCollection(client, table);
    }
    SecretLedger.secret(LocalTable.DEMO_API_SECRET);
    Map<String, String> env = storeEnv(table, db.endpoint().toString());

    JsonNode register = invoke(env, "RegisterWebhookFunction", "events/register-json.json");
    assertThat(register.get("statusCode").asInt()).as(register.toString()).isEqualTo(200);
    JsonNode get = invoke(env, "GetWebhookFunction", "events/get-webhook.json");
    assertThat(ApiFixture.parse(get.get("body").asText()).at("/data/webhook").asText())
        .isEqualTo("https://hooks.example.com/crm/json?source=api");
  }

  @Test
  void storeDown_bothFunctionsAnswer503() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertBoth503(run("store-down", storeEnv("crm-collections", "http://127.0.0.1:" + closedPort), List.of(),
        bothRoutes()));
  }

  @Test
  void storeNeverAnswers_bothFunctionsAnswer503_afterTheTimeouts() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept()); // keep the connection open, never answer
          } catch (IOException e) {
            return;
          }
        }
      }, "artifact-silent-store");
      acceptor.setDaemon(true);
      acceptor.start();
      assertBoth503(run("store-silent", storeEnv("crm-collections", "http://127.0.0.1:" + silent.getLocalPort()),
          List.of(), bothRoutes()));
    }
  }

  @Test
  void storeThrottlesOnce_theSdkRetries_bothFunctionsAnswer200(TestDynamoDb db) throws Exception {
    String table = db.createTable("artifact-throttled");
    try (var client = db.client(table)) {
      LocalTable.ensureDemoCollection(client, table);
    }
    ErrorAnswer throttled =
        new ErrorAnswer(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", false);
    try (ErroringDynamoDb store = ErroringDynamoDb.thenForward(throttled, 1, db.endpoint())) {
      List<JsonNode> responses =
          run("store-throttled", storeEnv(table, store.endpoint().toString()), List.of(), bothRoutes());
      assertThat(responses).allSatisfy(r -> assertThat(r.get("statusCode").asInt()).as(r.toString()).isEqualTo(200));
      assertThat(store.errorsAnswered()).isEqualTo(2);
      assertThat(store.attempts("UpdateItem")).isEqualTo(2);
      assertThat(store.attempts("GetItem")).isEqualTo(2);
    }
  }

  /**
   * The production path, as in AWS: no DYNAMODB_ENDPOINT, so the SDK resolves DynamoDB's regional HTTPS endpoint
   * from its rules and partition data, signs with SigV4 for that region and speaks TLS (hostname verification
   * included). Nothing leaves the machine: the JVM's HTTPS proxy is a loopback server that accepts the CONNECT,
   * then plays dynamodb.us-east-1.amazonaws.com over TLS with a certificate made here for that name, trusted
   * through {@code javax.net.ssl.trustStore}, and answers with canned DynamoDB responses.
   */
  @Test
  void noEndpointOverride_regionalHttpsEndpoint_tlsAndSigV4_fromTheArtifact(@TempDir Path dir) throws Exception {
    String host = "dynamodb.us-east-1.amazonaws.com";
    char[] password = "artifact-it".toCharArray();
    Path serverKeys = dir.resolve("server.p12");
    Path trustStore = dir.resolve("trust.p12");
    selfSignedCertificate(host, serverKeys, password);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverKeys)) {
      keys.load(in, password);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, password);
    trust.setCertificateEntry(host, keys.getCertificate(host));
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);

    String item = "{\"Item\":{\"collection_id\":{\"S\":\"demo-collection\"},\"status\":{\"S\":\"active\"},"
        + "\"secret_hash\":{\"S\":\"" + SecretHash.of(LocalTable.DEMO_API_SECRET) + "\"},"
        + "\"webhook\":{\"S\":\"https://hooks.example.com/from-aws\"}}}";
    List<String> connects = new CopyOnWriteArrayList<>();
    List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        while (!proxy.isClosed()) {
          try (Socket plain = proxy.accept()) {
            plain.setSoTimeout(10_000);
            Map<String, String> connect = readHead(plain.getInputStream());
            connects.add(connect.get(":line"));
            plain.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
              secure.setUseClientMode(false);
              Map<String, String> request = readHead(secure.getInputStream());
              secure.getInputStream().readNBytes(Integer.parseInt(request.getOrDefault("content-length", "0")));
              requests.add(request);
              String target = request.getOrDefault("x-amz-target", "");
              byte[] body = (target.endsWith(".GetItem") ? item : "{}").getBytes(StandardCharsets.UTF_8);
              secure.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                  + "x-amzn-RequestId: artifact-it\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
              secure.getOutputStream().write(body);
              secure.getOutputStream().flush();
            }
          } catch (IOException e) {
            // a client that gave up, or the socket closing at the end: next
          }
        }
      }, "artifact-fake-aws");
      server.setDaemon(true);
      server.start();
      SecretLedger.secret(LocalTable.DEMO_API_SECRET);
      String port = String.valueOf(proxy.getLocalPort());
      List<String> flags = List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port,
          "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port,
          "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=artifact-it",
          "-Djavax.net.ssl.trustStoreType=PKCS12");
      Map<String, String> env = new HashMap<>(storeEnv("crm-collections", null));
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
      env.put("AWS_LAMBDA_FUNCTION_NAME", "artifact-it");
      List<JsonNode> responses = run("no-endpoint-override", env, flags, bothRoutes());

      assertThat(responses).allSatisfy(r -> assertThat(r.get("statusCode").asInt()).as(r.toString()).isEqualTo(200));
      assertThat(ApiFixture.parse(responses.get(1).get("body").asText()).at("/data/webhook").asText())
          .isEqualTo("https://hooks.example.com/from-aws");
    }
    assertThat(connects).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("CONNECT " + host + ":443 "));
    assertThat(requests).extracting(r -> r.get("x-amz-target"))
        .containsExactly("DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.GetItem");
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.get("host")).isEqualTo(host);
      assertThat(r.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=local/").contains("/us-east-1/dynamodb/aws4_request");
    });
  }

  /** A self-signed certificate for {@code host} (keytool, from the running JDK), alias {@code host}. */
  private static void selfSignedCertificate(String host, Path keyStore, char[] password) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", host, "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=" + host, "-ext", "san=dns:" + host, "-validity", "2",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(password))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  /** Reads an HTTP request head: {@code ":line"} → the request line, then lower-cased header names → values. */
  private static Map<String, String> readHead(InputStream in) throws IOException {
    Map<String, String> head = new HashMap<>();
    String line = readLine(in);
    head.put(":line", line);
    while (!(line = readLine(in)).isEmpty()) {
      int colon = line.indexOf(':');
      head.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return head;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static List<String> bothRoutes() {
    return List.of("RegisterWebhookFunction=events/register-form.json", "GetWebhookFunction=events/get-webhook.json");
  }

  private static void assertBoth503(List<JsonNode> responses) {
    assertThat(responses).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("statusCode").asInt()).as(r.toString()).isEqualTo(503);
      JsonNode body = ApiFixture.parse(r.get("body").asText());
      assertThat(body.get("status").asBoolean(true)).isFalse();
      assertThat(body.get("message").asText()).isEqualTo("internal error");
    });
  }

  /** The functions' environment; {@code endpoint} null leaves DYNAMODB_ENDPOINT unset (AWS). */
  private static Map<String, String> storeEnv(String table, String endpoint) {
    Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", table, "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
    if (endpoint != null) {
      env.put("DYNAMODB_ENDPOINT", endpoint);
    }
    return env;
  }

  private static HttpServer containerCredentialsEndpoint(AtomicInteger fetches) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/creds", exchange -> {
      fetches.incrementAndGet();
      byte[] body = ("{\"AccessKeyId\":\"ASIAARTIFACTIT\",\"SecretAccessKey\":\"artifact-it-secret\","
          + "\"Token\":\"artifact-it-token\",\"Expiration\":\"" + Instant.now().plusSeconds(3600) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** Class path: the artifact's jar, then the local tooling classes and the jars only the runtime emulation needs. */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    entries.add(ARTIFACT.resolve(JAR).toString());
    entries.add(TestDynamoDb.projectDir().resolve("target/test-classes").toString());
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("aws-lambda-java-serialization") || e.contains("snakeyaml") || e.contains("jackson-"))
        .forEach(entries::add);
    return String.join(File.pathSeparator, entries);
  }

  /** Runs {@code events} ("FunctionId=file") in one fresh JVM on the artifact; returns the responses in order. */
  private static List<JsonNode> run(String scenario, Map<String, String> env, List<String> jvmFlags, List<String> events)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1"));
    String logDir = System.getProperty("artifact.classLoadLogs");
    if (logDir != null && !logDir.isBlank()) {
      Files.createDirectories(Path.of(logDir));
      command.add("-Xlog:class+load:file=" + Path.of(logDir).toAbsolutePath().resolve(scenario + ".log"));
    }
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", classPath(), ArtifactRunner.class.getName()));
    command.addAll(events);
    ProcessBuilder builder = new ProcessBuilder(command).directory(TestDynamoDb.projectDir().toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DYNAMODB_ENDPOINT")
        || k.equals("TABLE_NAME") || k.equals("JAVA_TOOL_OPTIONS") || k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
    builder.environment().putAll(env);
    Path stderr = Files.createTempFile("artifact-" + scenario, ".log");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stdout = new String(out, StandardCharsets.UTF_8);
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    Files.delete(stderr);
    RunLogs.append("artifact-" + scenario, log);
    assertThat(process.exitValue()).as(scenario + ": " + log).isZero();
    List<String> lines = stdout.lines().filter(l -> !l.startsWith("PRIMED ")).toList();
    if (events.contains("--prime")) {
      assertThat(stdout).as(scenario + ": " + log).contains("PRIMED 2");
    }
    assertThat(lines).as(scenario + ": " + log).hasSize((int) events.stream().filter(e -> !e.startsWith("--")).count())
        .allMatch(l -> l.startsWith("OK "));
    List<JsonNode> responses = lines.stream().map(l -> ApiFixture.parse(l.substring(3))).toList();
    // the functions' request log lines (the runtime emulation writes them to stderr): one per event, each a valid
    // EMF document with the event's status; none from the SnapStart priming requests
    List<JsonNode> requestLines =
        log.lines().filter(l -> l.startsWith("{\"timestamp\":")).map(ApiFixture::parse).toList();
    assertThat(requestLines).as(scenario + ": one request log line per event: " + log).hasSize(responses.size());
    for (int i = 0; i < responses.size(); i++) {
      assertThat(EmfDocument.violations(requestLines.get(i))).as(scenario + ": " + requestLines.get(i)).isEmpty();
      assertThat(requestLines.get(i).path("status").asInt()).as(scenario + ": " + requestLines.get(i))
          .isEqualTo(responses.get(i).path("statusCode").asInt());
    }
    return responses;
  }

  private static JsonNode invoke(Map<String, String> env, String function, String event) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classPath(),
        "com.web3crm.webhook.local.Invoke", function, event)
        .directory(TestDynamoDb.projectDir().toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DYNAMODB_ENDPOINT") || k.equals("TABLE_NAME"));
    builder.environment().putAll(env);
    Path stderr = Files.createTempFile("artifact-invoke", ".log");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stdout = new String(out, StandardCharsets.UTF_8);
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    Files.delete(stderr);
    RunLogs.append("artifact-invoke", log);
    assertThat(process.exitValue()).as(stdout + log).isZero();
    return ApiFixture.parse(stdout);
  }

  private static List<String> entries() throws IOException {
    try (JarFile jar = new JarFile(ARTIFACT.resolve(JAR).toFile())) {
      return jar.stream().map(java.util.zip.ZipEntry::getName).toList();
    }
  }

  private static byte[] read(String projectRelative) {
    try {
      return Files.readAllBytes(TestDynamoDb.projectDir().resolve(projectRelative));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c == -1) {
        throw new java.io.EOFException("connection closed in an HTTP head");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
