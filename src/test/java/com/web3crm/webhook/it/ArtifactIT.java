package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployment artifact ({@code target/lambda-artifact}, what {@code sam build} ships through the Makefile) holds
 * the functions and nothing local, and runs on its own: both functions, in a fresh JVM whose class path is the
 * artifact plus only the runtime emulation (the Lambda serializers and the invoke tool that {@code bin/invoke} runs).
 * Configuration comes only from environment variables, as in Lambda: the handlers' public no-arg constructors read
 * {@code TABLE_NAME}, {@code AWS_REGION} and {@code DYNAMODB_ENDPOINT}, so this also covers the production init path.
 */
@ExtendWith(TestDynamoDb.class)
class ArtifactIT {
  private static final Path ARTIFACT = TestDynamoDb.projectDir().resolve("target/lambda-artifact");

  @Test
  void artifact_holdsTheFunctionsAndTheirRuntimeJars_andNothingLocalOrTestOnly() throws IOException {
    assertThat(ARTIFACT.resolve("com/web3crm/webhook/RegisterWebhookHandler.class")).exists();
    assertThat(ARTIFACT.resolve("com/web3crm/webhook/GetWebhookHandler.class")).exists();
    assertThat(ARTIFACT.resolve("com/web3crm/webhook/local")).doesNotExist();
    assertThat(ARTIFACT.resolve("com/web3crm/webhook/admin")).doesNotExist();
    assertThat(ARTIFACT.resolve("com/web3crm/webhook/testing")).doesNotExist();
    try (Stream<Path> jars = Files.list(ARTIFACT.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.startsWith("dynamodb-")).anyMatch(n -> n.startsWith("apache5-client-"));
      assertThat(names).noneMatch(n -> n.startsWith("apache-client") || n.startsWith("url-connection-client") || n.startsWith("aws-crt")
          || n.startsWith("netty") || n.startsWith("httpclient-") || n.startsWith("aws-lambda-java-serialization")
          || n.startsWith("snakeyaml") || n.startsWith("jackson-databind") || n.startsWith("junit")
          || n.startsWith("testcontainers") || n.startsWith("assertj"));
    }
  }

  @Test
  void artifact_runsBothFunctionsOnItsOwnClassPath(TestDynamoDb db) throws Exception {
    String table = db.createTable("artifact");
    try (var client = db.client(table)) {
      LocalTable.ensureDemoCollection(client, table);
    }
    SecretLedger.secret(LocalTable.DEMO_API_SECRET);
    Map<String, String> env = Map.of(
        "TABLE_NAME", table, "AWS_REGION", "us-east-1", "DYNAMODB_ENDPOINT", db.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");

    JsonNode register = invoke(env, "RegisterWebhookFunction", "events/register-json.json");
    assertThat(register.get("statusCode").asInt()).as(register.toString()).isEqualTo(200);
    JsonNode get = invoke(env, "GetWebhookFunction", "events/get-webhook.json");
    assertThat(ApiFixture.parse(get.get("body").asText()).at("/data/webhook").asText())
        .isEqualTo("https://hooks.example.com/crm/json?source=api");
  }

  /** Class path: the artifact, then the local tooling classes and the jars only the runtime emulation needs. */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    entries.add(ARTIFACT.toString());
    entries.add(ARTIFACT.resolve("lib").toString() + File.separator + "*");
    entries.add(TestDynamoDb.projectDir().resolve("target/test-classes").toString());
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("aws-lambda-java-serialization") || e.contains("snakeyaml") || e.contains("jackson-"))
        .forEach(entries::add);
    return String.join(File.pathSeparator, entries);
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
    RunLogs.append("artifact-invoke", Files.readString(stderr, StandardCharsets.UTF_8));
    assertThat(process.exitValue()).as(stdout + Files.readString(stderr)).isZero();
    return ApiFixture.parse(stdout);
  }
}
