package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.bench.Bench;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bin/bench's whole code path, once, small ({@code --quick} with 20 + 50 warm invocations; about 10-20 s): every
 * kind of measured JVM runs the deployment artifact and answers 200, every warm request makes exactly one DynamoDB
 * call (the benchmark's exit status says so), and the report has every section and target. Against the suite's
 * server, in a scratch folder ({@code target/bench-smoke}); BENCHMARKS.md is not written. No timing is asserted: the
 * figures of a smoke run on a busy machine mean nothing. The report is kept in {@code target/bench-smoke/report.txt};
 * the children's logs join the run's logs, so the secret hygiene check scans them too.
 */
@ExtendWith(TestDynamoDb.class)
class BenchSmokeIT {
  private static final Path PROJECT = TestDynamoDb.projectDir();
  private static final List<String> EVENTS = List.of("events/register-base64-form.json", "events/get-webhook.json");

  @Test
  void quickRun_measuresEveryKindOfRun_andEveryRequestMakesOneDynamoDbCall(TestDynamoDb db) throws IOException {
    for (String event : EVENTS) {
      SecretLedger.event(Files.readAllBytes(PROJECT.resolve(event)));
    }
    String table = db.createTable("bench");
    Path work = PROJECT.resolve("target/bench-smoke");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        Bench.run(
            new String[] {"--quick", "--warmup", "20", "--warm", "50", "--label", "smoke"},
            new Bench.Setup(work, db.endpoint(), table, "smoke"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String report = out.toString(StandardCharsets.UTF_8);
    String messages = err.toString(StandardCharsets.UTF_8);
    // The report goes to a file, not to this test's output: its words (e.g. "beforeCheckpoint") would match short
    // passwords other tests recorded for the secret hygiene scan, which looks for them as substrings.
    Files.writeString(work.resolve("report.txt"), report + "\n" + messages, StandardCharsets.UTF_8);
    System.out.println("[BenchSmokeIT] bin/bench --quick ran (status " + status + "); its report (figures of a smoke"
        + " run, not a measurement): " + PROJECT.relativize(work.resolve("report.txt")));
    keepChildLogs(work);
    assertThat(status).as(messages + report).isZero();
    assertThat(report)
        .contains("COLD:", "PRIMED:", "WARM:", "SIZE:", "TARGETS")
        .contains("floor (empty main)", "harness only (no-op)", "SDK floor", "RegisterWebhookFunction", "GetWebhookFunction")
        .contains("PASS  DynamoDB calls per request")
        .doesNotContain("FAIL  DynamoDB calls per request");
    assertThat(messages).contains("BENCHMARKS.md left alone");

    List<String> kinds =
        Files.readAllLines(work.resolve("runs.tsv"), StandardCharsets.UTF_8).stream()
            .skip(1)
            .map(line -> line.substring(0, line.indexOf('\t')))
            .toList();
    assertThat(kinds)
        .containsExactly(
            "floor", "harness", "sdk-floor", "cold:RegisterWebhookFunction", "cold:GetWebhookFunction",
            "unprimed:RegisterWebhookFunction", "primed:RegisterWebhookFunction",
            "unprimed:GetWebhookFunction", "primed:GetWebhookFunction",
            "warm:RegisterWebhookFunction", "warm:GetWebhookFunction");
  }

  private static void keepChildLogs(Path work) throws IOException {
    Path logs = work.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.sorted().toList()) {
        RunLogs.append("bench-smoke", Files.readString(file, StandardCharsets.UTF_8));
      }
    }
  }
}
