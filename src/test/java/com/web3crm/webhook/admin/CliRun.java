package com.web3crm.webhook.admin;

import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-process run of {@code bin/collections}: its exit code and everything it printed. Its diagnostics (stderr)
 * go to the run's logs and the secrets it hands out to the {@link SecretLedger}, for {@code SecretHygieneIT}.
 */
record CliRun(int exit, String stdout, String stderr) {
  private static final Pattern API_SECRET = Pattern.compile("\"api_secret\"\\s*:\\s*\"([^\"]+)\"");

  /** Runs the CLI with {@code env} as its whole environment; {@code projectDir} null: no endpoint file lookup. */
  static CliRun of(Map<String, String> env, Path projectDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        CollectionsCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            projectDir);
    CliRun run = new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    Matcher secret = API_SECRET.matcher(run.stdout());
    while (secret.find()) {
      SecretLedger.secret(secret.group(1)); // shown once to the operator on stdout, by design; never on stderr
    }
    RunLogs.append("admin-tool", run.stderr());
    return run;
  }
}
