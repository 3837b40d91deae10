package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI without any DynamoDB: usage, exit codes, and where it decides to talk to. */
class CollectionsCliTest {
  @TempDir Path projectDir;


  private CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(env, projectDir, args);
  }

  @Test
  void noArgumentsPrintsUsageOnStderrAndExits2() {
    CliRun run = run(Map.of());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("Usage: bin/collections", "create --collection-id", "rotate-secret", "list");
  }

  @Test
  void helpPrintsUsageOnStderrAndExits0() {
    CliRun run = run(Map.of(), "--help");

    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).startsWith("Usage: bin/collections");
  }

  @Test
  void unknownOptionExits2WithTheReasonAndUsage() {
    CliRun run = run(Map.of(), "create", "--collection-id", "c", "--dry-run");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .isEqualTo("error: unknown option '--dry-run' for create\nRun bin/collections --help for usage.\n");
  }

  @Test
  void invalidCollectionIdExits2BeforeTouchingAnyTable() {
    CliRun run = run(Map.of(), "create", "--collection-id", "bad/id");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr()).contains("invalid --collection-id", "'/'").doesNotContain("collections: endpoint");
  }

  @Test
  void withoutLocalEndpointAndWithoutTableNameItRefusesToGuessAnAwsTable() {
    CliRun run = run(Map.of(), "list");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .contains("TABLE_NAME is not set", "CollectionsTableName", "aws cloudformation describe-stacks")
        .doesNotContain("\tat ");
  }

  @Test
  void aStaleEndpointFileIsIgnoredWithANote() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    writeEndpointFile("http://127.0.0.1:" + deadPort + "\n");

    CliRun run = run(Map.of(), "list");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stderr()).contains("note: ignoring", "nothing answers", "TABLE_NAME is not set");
  }

  @Test
  void aLiveEndpointFileIsUsedWithTheLocalTableAndDummyCredentials() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      writeEndpointFile("http://127.0.0.1:" + socket.getLocalPort() + "\n");
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      try (TableTarget target =
          TableTarget.resolve(Map.of(), projectDir, new PrintStream(err, true, StandardCharsets.UTF_8))) {
        assertThat(target.endpoint()).contains(URI.create("http://127.0.0.1:" + socket.getLocalPort()));
        assertThat(target.tableName()).isEqualTo("crm-collections-local");
        assertThat(target.description()).contains(".local-data/dynamodb-endpoint", "local/local");
      }
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void dynamodbEndpointWinsOverTheEndpointFileAndTableNameOverTheDefault() throws Exception {
    writeEndpointFile("http://127.0.0.1:1\n");

    try (TableTarget target =
        TableTarget.resolve(
            Map.of("DYNAMODB_ENDPOINT", "http://localhost:8000", "TABLE_NAME", "other"),
            projectDir,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThat(target.endpoint()).contains(URI.create("http://localhost:8000"));
      assertThat(target.tableName()).isEqualTo("other");
      assertThat(target.description()).contains("DYNAMODB_ENDPOINT", "table other (TABLE_NAME)");
    }
  }

  @Test
  void explicitAccessKeyIsUsedForALocalEndpointButNeverPrinted() throws Exception {
    try (TableTarget target =
        TableTarget.resolve(
            Map.of(
                "DYNAMODB_ENDPOINT", "http://localhost:8000",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "very-secret-key"),
            null,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThat(target.description()).contains("AWS_ACCESS_KEY_ID").doesNotContain("very-secret-key");
      assertThat(target.toString()).doesNotContain("very-secret-key");
    }
  }

  @Test
  void awsTargetUsesTableNameAndRegion() throws Exception {
    try (TableTarget target =
        TableTarget.resolve(
            Map.of("TABLE_NAME", "stack-CollectionsTable-ABC", "AWS_REGION", "eu-west-1"),
            projectDir,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThat(target.endpoint()).isEqualTo(Optional.empty());
      assertThat(target.tableName()).isEqualTo("stack-CollectionsTable-ABC");
      assertThat(target.description()).contains("AWS DynamoDB in eu-west-1", "default credential chain");
    }
  }

  @Test
  void aMalformedDynamodbEndpointIsAnError() {
    CliRun run = run(Map.of("DYNAMODB_ENDPOINT", "localhost:8000"), "list");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stderr()).contains("DYNAMODB_ENDPOINT must be an http(s) URL");
  }

  @Test
  void anUnreachableEndpointFailsWithExit1AndNoStackTrace() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    CliRun run = run(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + deadPort), "list");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("collections: endpoint http://127.0.0.1:" + deadPort, "error: ");
    assertThat(run.stderr()).contains("no answer").doesNotContain("\tat ");
  }

  private void writeEndpointFile(String text) throws Exception {
    Files.createDirectories(projectDir.resolve(".local-data"));
    Files.writeString(projectDir.resolve(".local-data/dynamodb-endpoint"), text);
  }
}
