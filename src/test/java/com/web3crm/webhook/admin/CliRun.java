package com.web3crm.webhook.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of {@code bin/collections}: its exit code and everything it printed. */
record CliRun(int exit, String stdout, String stderr) {

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
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
