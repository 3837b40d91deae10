package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.testing.LeakScanner;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secret hygiene over the whole test run: no {@code api_secret}, secret hash, {@code webhook_pass} or raw request
 * body that any test used appears in anything the run logged — handler log lines, the local API's and the admin
 * tool's diagnostics, child processes' stderr, and everything the tests printed.
 *
 * <p>Runs after all other tests: Maven's second Failsafe execution ({@code secret-hygiene} in pom.xml) runs only
 * this class, once the unit and integration tests have written their output. The values to look for come from
 * {@link SecretLedger}; the logs from {@link RunLogs} and the Surefire/Failsafe {@code *-output.txt} files.
 */
class SecretHygieneIT {
  private static final Path PROJECT = TestDynamoDb.projectDir();

  @Test
  void noSecretPasswordHashOrRawBodyUsedInTheRunAppearsInAnyLogOfTheRun() throws IOException {
    Map<SecretLedger.Kind, Set<String>> ledger = readLedger(RunLogs.directory().resolve("ledger"));
    LeakScanner scanner = new LeakScanner();
    int n = 0;
    for (String secret : ledger.get(SecretLedger.Kind.SECRET)) {
      n++;
      scanner.add(secret, "api_secret #" + n);
      String hash = SecretHash.of(secret);
      scanner.add(hash, "hash of api_secret #" + n);
      scanner.add(hash.toUpperCase(Locale.ROOT), "hash of api_secret #" + n + " (upper case)");
    }
    n = 0;
    for (String password : ledger.get(SecretLedger.Kind.PASSWORD)) {
      scanner.add(password, "webhook_pass #" + ++n);
    }
    n = 0;
    for (String body : ledger.get(SecretLedger.Kind.BODY)) {
      scanner.add(body, "raw body #" + ++n);
    }

    List<Path> logs = logFiles();
    List<LeakScanner.Leak> leaks = new ArrayList<>();
    long bytes = 0;
    for (Path file : logs) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      bytes += text.length();
      leaks.addAll(scanner.scan(PROJECT.relativize(file).toString(), text));
    }
    System.out.printf(Locale.ROOT,
        "[SecretHygieneIT] scanned %d log files (%d chars) for %d api_secrets (+ their hashes), %d webhook_pass values"
            + " and %d raw bodies: %d leaks%n",
        logs.size(), bytes, ledger.get(SecretLedger.Kind.SECRET).size(), ledger.get(SecretLedger.Kind.PASSWORD).size(),
        ledger.get(SecretLedger.Kind.BODY).size(), leaks.size());

    boolean handlersLogged = logs.stream().anyMatch(file -> file.getFileName().toString().startsWith("handlers-"));
    if (handlersLogged) {
      // not vacuous: whatever ran the handlers sent credentials, and they were recorded (a targeted run of a
      // test that sends no password or body may record none of those; the full run records hundreds)
      assertThat(ledger.get(SecretLedger.Kind.SECRET)).as("api_secrets recorded by a run that called handlers")
          .isNotEmpty();
    }
    assertThat(leaks).as("secrets found in logs (label, file, line)").isEmpty();
  }

  private static Map<SecretLedger.Kind, Set<String>> readLedger(Path directory) throws IOException {
    Map<SecretLedger.Kind, Set<String>> ledger = new EnumMap<>(SecretLedger.Kind.class);
    for (SecretLedger.Kind kind : SecretLedger.Kind.values()) {
      ledger.put(kind, new LinkedHashSet<>());
    }
    for (Path file : list(directory, ".tsv")) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        ledger.get(SecretLedger.Kind.valueOf(line.substring(0, tab))).add(SecretLedger.unescape(line.substring(tab + 1)));
      }
    }
    return ledger;
  }

  private static List<Path> logFiles() throws IOException {
    List<Path> files = new ArrayList<>(list(RunLogs.directory().resolve("logs"), ".log"));
    for (String reports : List.of("target/surefire-reports", "target/failsafe-reports")) {
      list(PROJECT.resolve(reports), "-output.txt").stream()
          .filter(file -> !file.getFileName().toString().startsWith(SecretHygieneIT.class.getName()))
          .forEach(files::add);
    }
    return files;
  }

  private static List<Path> list(Path directory, String suffix) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
