package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code bin/invoke} runs, in a fresh JVM with only environment variables as configuration — the way Lambda
 * starts a function: the handler's public no-arg constructor reads {@code TABLE_NAME}, {@code AWS_REGION} and
 * {@code DYNAMODB_ENDPOINT}, so this also covers the production init path.
 */
@ExtendWith(TestDynamoDb.class)
class InvokeCommandIT {

  @Test
  void invokeMain_runsEventFilesThroughTheNoArgConstructorPath(TestDynamoDb db) throws Exception {
    String table = db.createTable("invoke");
    try (var client = db.client(table)) {
      LocalTable.ensureDemoCollection(client, table);
    }
    Map<String, String> env = Map.of(
        "TABLE_NAME", table, "AWS_REGION", "us-east-1", "DYNAMODB_ENDPOINT", db.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");

    JsonNode register = run(env, "RegisterWebhookFunction", "events/register-form.json");
    assertThat(register.get("statusCode").asInt()).isEqualTo(200);
    JsonNode get = run(env, "GetWebhookFunction", "events/get-webhook.json");
    assertThat(ApiFixture.parse(get.get("body").asText()).at("/data/webhook").asText())
        .isEqualTo("https://hooks.example.com/crm/events");
  }

  private static JsonNode run(Map<String, String> env, String function, String event) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "com.web3crm.webhook.local.Invoke", function, event)
        .directory(TestDynamoDb.projectDir().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DYNAMODB_ENDPOINT") || k.equals("TABLE_NAME"));
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stdout = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stdout).isZero();
    return ApiFixture.parse(stdout);
  }
}
