package com.web3crm.webhook.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Everything the code under test logs during a test run, kept on disk for {@code SecretHygieneIT}: handler log
 * lines (what Lambda would send to CloudWatch), the local API's and the admin tool's diagnostics, and child
 * processes' stderr. Files live in {@code target/run-logs/logs/}, one per source and test JVM; the Surefire and
 * Failsafe {@code *-output.txt} files (everything tests print) are scanned as well.
 */
public final class RunLogs {
  private RunLogs() {}

  public static Path directory() {
    return TestDynamoDb.projectDir().resolve("target/run-logs");
  }

  /** Appends {@code text} to this JVM's log file for {@code source} (e.g. {@code handlers}, {@code local-api}). */
  public static void append(String source, String text) {
    Path file = directory().resolve("logs").resolve(source + "-" + ProcessHandle.current().pid() + ".log");
    try {
      Files.createDirectories(file.getParent());
      synchronized (RunLogs.class) {
        Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the run's log in " + file, e);
    }
  }
}
