package com.web3crm.webhook.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.admin.CliArguments.Command;
import com.web3crm.webhook.admin.CliArguments.Create;
import com.web3crm.webhook.admin.CliArguments.Help;
import com.web3crm.webhook.admin.CliArguments.Import;
import com.web3crm.webhook.admin.CliArguments.ListCredentials;
import com.web3crm.webhook.admin.CliArguments.Revoke;
import com.web3crm.webhook.admin.CliArguments.RotateSecret;
import com.web3crm.webhook.store.CollectionItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code bin/collections}: creates, rotates, revokes and lists collection credentials.
 *
 * <p>stdout carries only the result as JSON (one object; one per line for {@code list} and {@code import}), so it
 * can be piped;
 * everything else (where it talks to, notes, errors) goes to stderr. A secret appears exactly once: in the stdout
 * of the {@code create} or {@code rotate-secret} that made it. Exit codes: {@value #OK} ok, {@value #FAILED}
 * operation failed, {@value #USAGE} usage.
 *
 * <p>{@link #main} only delegates to {@link #run}, which tests call in-process with their own streams and
 * environment.
 */
public final class CollectionsCli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private CollectionsCli() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err, System.getenv(), defaultProjectDir());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** {@link #run(String[], PrintStream, PrintStream, Map, Path)} with the project directory of this build. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, env, defaultProjectDir());
  }

  /**
   * Runs one command.
   *
   * @param env the environment (DYNAMODB_ENDPOINT, TABLE_NAME, AWS_REGION, AWS_ACCESS_KEY_ID, DEBUG...)
   * @param projectDir where {@code .local-data/dynamodb-endpoint} is looked for; null to never look
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path projectDir) {
    return run(args, System.in, out, err, env, projectDir);
  }

  /**
   * Runs one command; {@code in} is what {@code import --file -} reads.
   *
   * @return the exit code
   */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path projectDir) {
    Command command;
    try {
      command = CliArguments.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("Run bin/collections --help for usage.");
      err.flush();
      return USAGE;
    }
    if (command instanceof Help help) {
      err.print(CliArguments.USAGE); // stdout is for JSON results only
      err.flush();
      return help.asked() ? OK : USAGE;
    }
    boolean debug = "1".equals(env.get("DEBUG"));
    List<ImportFile.Line> toImport = List.of();
    if (command instanceof Import importing) {
      // every line is checked before anything connects or writes
      Optional<List<ImportFile.Line>> lines = readImportFile(importing.file(), in, err);
      if (lines.isEmpty()) {
        err.flush();
        return FAILED;
      }
      toImport = lines.get();
    }
    try (TableTarget target = TableTarget.resolve(env, projectDir, err)) {
      err.println("collections: " + target.description());
      try (DynamoDbClient client = target.newClient()) {
        CollectionAdmin admin = new CollectionAdmin(client, target.tableName(), Clock.systemUTC());
        return command instanceof Import importing
            ? importCredentials(toImport, importing.replaceSecret(), admin, out, err)
            : execute(command, admin, out, err);
      }
    } catch (AdminException e) {
      err.println("error: " + e.getMessage());
      if (debug && e.getCause() != null) {
        e.getCause().printStackTrace(err);
      }
      return FAILED;
    } catch (RuntimeException e) {
      // a bug or an unexpected SDK failure: a one-line summary unless DEBUG=1
      err.println("error: unexpected " + e.getClass().getName() + ": " + e.getMessage()
          + (debug ? "" : " (DEBUG=1 shows the stack trace)"));
      if (debug) {
        e.printStackTrace(err);
      }
      return FAILED;
    } finally {
      err.flush();
    }
  }

  private static int execute(Command command, CollectionAdmin admin, PrintStream out, PrintStream err)
      throws AdminException {
    switch (command) {
      case Create create -> {
        // one SecureRandom per command, made here rather than at class init
        CredentialGenerator generator = new CredentialGenerator(new SecureRandom());
        NewCredential credential = admin.create(create.collectionId(), generator);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("collection_id", credential.collectionId());
        json.put("api_key", credential.apiKey());
        json.put("api_secret", credential.apiSecret());
        if (!printJson(out, json)) {
          throw new AdminException(
              "credential " + credential.apiKey() + " for " + credential.collectionId() + " was stored, but"
                  + " writing its secret to stdout failed; run: bin/collections rotate-secret --api-key "
                  + credential.apiKey());
        }
        err.println("created credential " + credential.apiKey() + " for collection " + credential.collectionId()
            + "; the api_secret above is shown only this once");
        return OK;
      }
      case RotateSecret rotate -> {
        CredentialGenerator generator = new CredentialGenerator(new SecureRandom());
        RotatedSecret rotated = admin.rotateSecret(rotate.apiKey(), generator);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("api_key", rotated.apiKey());
        json.put("api_secret", rotated.apiSecret());
        if (!printJson(out, json)) {
          throw new AdminException(
              "the secret of " + rotated.apiKey() + " was replaced, but writing the new one to stdout failed;"
                  + " run rotate-secret again");
        }
        err.println("rotated the secret of " + rotated.apiKey() + "; the old secret no longer works");
        return OK;
      }
      case Revoke revoke -> {
        CollectionAdmin.RevokeOutcome outcome = admin.revoke(revoke.apiKey());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("api_key", revoke.apiKey());
        json.put("status", CollectionItem.STATUS_REVOKED);
        printJson(out, json);
        err.println(
            outcome == CollectionAdmin.RevokeOutcome.REVOKED
                ? "revoked " + revoke.apiKey()
                : revoke.apiKey() + " was already revoked; nothing changed");
        return OK;
      }
      case ListCredentials list -> {
        long count =
            admin.list(
                summary -> {
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("api_key", summary.apiKey());
                  json.put("collection_id", summary.collectionId());
                  json.put("status", summary.status());
                  json.put("webhook", summary.webhook());
                  json.put("has_webhook_login", summary.hasWebhookLogin());
                  json.put("has_webhook_pass", summary.hasWebhookPass());
                  json.put("created_at", summary.createdAt());
                  json.put("updated_at", summary.updatedAt());
                  json.put("version", summary.version());
                  printJson(out, json);
                });
        err.println(count + (count == 1 ? " credential" : " credentials"));
        return OK;
      }
      case Help help -> throw new IllegalStateException("handled before connecting");
      case Import importing -> throw new IllegalStateException("handled by importCredentials");
    }
  }

  /** The checked lines of the import file, or empty after printing every problem (and nothing else) to {@code err}. */
  private static Optional<List<ImportFile.Line>> readImportFile(String file, InputStream in, PrintStream err) {
    byte[] bytes;
    try {
      bytes = file.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (IOException | InvalidPathException e) {
      err.println("error: cannot read " + (file.equals("-") ? "stdin" : file) + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
      return Optional.empty();
    }
    ImportFile.Parsed parsed = ImportFile.parse(bytes);
    if (!parsed.problems().isEmpty()) {
      parsed.problems().forEach(problem -> err.println("error: " + problem));
      err.println("nothing was imported: " + parsed.problems().size()
          + (parsed.problems().size() == 1 ? " problem" : " problems") + " in " + (file.equals("-") ? "stdin" : file));
      return Optional.empty();
    }
    return Optional.of(parsed.lines());
  }

  /**
   * Imports the checked lines one by one, printing one JSON object per line as it goes; a DynamoDB failure stops the
   * run (what was imported stays; running again is safe).
   */
  private static int importCredentials(
      List<ImportFile.Line> lines, boolean replaceSecret, CollectionAdmin admin, PrintStream out, PrintStream err)
      throws AdminException {
    Map<String, Set<String>> activeKeys = admin.activeApiKeysByCollection();
    Map<CollectionAdmin.ImportResult, Integer> counts = new EnumMap<>(CollectionAdmin.ImportResult.class);
    for (CollectionAdmin.ImportResult result : CollectionAdmin.ImportResult.values()) {
      counts.put(result, 0);
    }
    try {
      for (ImportFile.Line line : lines) {
        CollectionAdmin.ImportOutcome outcome;
        try {
          outcome = admin.importCredential(line, replaceSecret, activeKeys.getOrDefault(line.collectionId(), Set.of()));
        } catch (AdminException e) {
          throw new AdminException("line " + line.number() + ": " + e.getMessage() + "\nThe lines before it are"
              + " done; running import again is safe (done lines answer unchanged).", e.getCause());
        }
        if (outcome.result() == CollectionAdmin.ImportResult.CREATED) {
          activeKeys.computeIfAbsent(line.collectionId(), k -> new TreeSet<>()).add(line.apiKey());
        }
        counts.merge(outcome.result(), 1, Integer::sum);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line.number());
        json.put("api_key", line.apiKey());
        json.put("collection_id", line.collectionId());
        json.put("result", outcome.result().name().toLowerCase(Locale.ROOT));
        if (outcome.reason() != null) {
          json.put("reason", outcome.reason());
          json.put("detail", outcome.detail());
        }
        if (!printJson(out, json)) {
          throw new AdminException("writing the result of line " + line.number() + " to stdout failed; running"
              + " import again is safe (done lines answer unchanged)");
        }
      }
    } finally {
      int done = counts.values().stream().mapToInt(Integer::intValue).sum();
      err.println("import: " + done + " of " + lines.size() + " lines: "
          + counts.get(CollectionAdmin.ImportResult.CREATED) + " created, "
          + counts.get(CollectionAdmin.ImportResult.UNCHANGED) + " unchanged, "
          + counts.get(CollectionAdmin.ImportResult.REPLACED) + " replaced, "
          + counts.get(CollectionAdmin.ImportResult.CONFLICT) + " in conflict");
    }
    int conflicts = counts.get(CollectionAdmin.ImportResult.CONFLICT);
    if (conflicts > 0) {
      err.println("error: " + conflicts + (conflicts == 1 ? " line is" : " lines are") + " in conflict: nothing was"
          + " written for " + (conflicts == 1 ? "it" : "them") + " (see reason and detail on stdout)");
      return FAILED;
    }
    return OK;
  }

  /** One compact JSON object and a newline; false when stdout failed (closed pipe, full disk). */
  private static boolean printJson(PrintStream out, Map<String, Object> json) {
    String line;
    try {
      line = JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a map of strings as JSON", e);
    }
    out.print(line);
    out.print('\n');
    out.flush();
    return !out.checkError();
  }

  /**
   * The project directory: system property {@code project.basedir} when set (Failsafe sets it), else two levels
   * above the classes directory this class was loaded from ({@code target/test-classes}), so bin/collections
   * finds bin/local-api's endpoint file from any working directory; null when neither can be told (then no
   * endpoint file is looked for).
   */
  static Path defaultProjectDir() {
    String property = System.getProperty("project.basedir");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    try {
      var source = CollectionsCli.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path classes = Path.of(source.getLocation().toURI());
      Path target = classes.getParent();
      return target == null ? null : target.getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
