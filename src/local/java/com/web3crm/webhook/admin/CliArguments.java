package com.web3crm.webhook.admin;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the command line of {@code bin/collections} into a {@link Command}; anything wrong is a usage error. */
public final class CliArguments {
  private CliArguments() {}

  static final String COLLECTION_ID = "--collection-id";
  static final String API_KEY = "--api-key";
  static final String FILE = "--file";
  static final String REPLACE_SECRET = "--replace-secret";
  static final int MAX_API_KEY_LENGTH = 1024;
  private static final Pattern LOOKS_LIKE_SECRET =
      Pattern.compile(Pattern.quote(CredentialGenerator.API_SECRET_PREFIX) + "[A-Za-z0-9_-]{20,}");

  public static final String USAGE =
      """
      Usage: bin/collections COMMAND [OPTIONS]

      Manages collection credentials in the collections DynamoDB table.

      Commands:
        create --collection-id ID   create a credential for a collection; prints
                                    {"collection_id", "api_key", "api_secret"} as JSON on stdout.
                                    The secret is shown this once and never again.
                                    ID: 1-128 characters of A-Z a-z 0-9 . _ : -
                                    Refused when the collection already has an active credential
                                    (use rotate-secret).
        rotate-secret --api-key K   give an active credential a new secret; prints
                                    {"api_key", "api_secret"}. The old secret stops working at once.
        revoke --api-key K          revoke a credential (idempotent); prints {"api_key", "status"}.
        list                        one JSON object per line per credential (never secrets).
        import --file F [--replace-secret]
                                    store existing credentials: F holds one JSON object per line,
                                    {"collection_id": "...", "api_key": "...", "api_secret": "..."}
                                    (F "-" reads stdin). Every line is checked before anything is
                                    written; only the secret's SHA-256 is stored. Prints one JSON
                                    object per line: created, unchanged (already there, same
                                    collection and secret) or conflict (never overwritten);
                                    --replace-secret stores the file's secret for a key of the same
                                    active collection ("replaced"). Safe to run again.
                                    Exit 1 when any line is refused or in conflict.
        --help                      this text.

      Where it talks to (printed on stderr):
        DYNAMODB_ENDPOINT when set; else the local server of bin/local-api while it runs;
        else AWS DynamoDB (default credential chain, region from AWS_REGION or the profile).
      TABLE_NAME: the table; defaults to crm-collections-local on a local endpoint, required on AWS
        (stack output CollectionsTableName).
      DEBUG=1: stack traces on errors.

      Exit codes: 0 ok, 1 operation failed, 2 usage.
      """;

  /** What to do. */
  public sealed interface Command {}

  public record Create(String collectionId) implements Command {}

  public record RotateSecret(String apiKey) implements Command {}

  public record Revoke(String apiKey) implements Command {}

  public record ListCredentials() implements Command {}

  /** {@code file}: a path, or {@code -} for stdin. */
  public record Import(String file, boolean replaceSecret) implements Command {}

  /** Usage was asked for ({@code asked}: exit 0) or no command was given (exit 2). */
  public record Help(boolean asked) implements Command {}

  private static final Map<String, Set<String>> OPTIONS =
      Map.of(
          "create", Set.of(COLLECTION_ID),
          "rotate-secret", Set.of(API_KEY),
          "revoke", Set.of(API_KEY),
          "list", Set.of(),
          "import", Set.of(FILE));

  /** Options that take no value (their presence is the value); optional. */
  private static final Map<String, Set<String>> FLAGS = Map.of("import", Set.of(REPLACE_SECRET));

  /**
   * No arguments, {@code help}, or {@code --help}/{@code -h} anywhere, is {@link Help}. Options take their value as the next
   * argument or after {@code =}; each may be given once.
   */
  public static Command parse(String... args) throws UsageException {
    if (args.length == 0) {
      return new Help(false);
    }
    if (args[0].equals("help")) {
      return new Help(true);
    }
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Help(true);
      }
    }
    String command = args[0];
    Set<String> allowed = OPTIONS.get(command);
    if (allowed == null) {
      throw new UsageException(
          command.startsWith("-")
              ? "expected a command before the option " + printable(command)
              : "unknown command " + printable(command));
    }
    Set<String> flagsAllowed = FLAGS.getOrDefault(command, Set.of());
    Map<String, String> options = new LinkedHashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        throw new UsageException("unexpected argument " + printable(arg) + " for " + command);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (flagsAllowed.contains(name)) {
        if (equals >= 0) {
          throw new UsageException("option " + name + " takes no value");
        }
        if (!flags.add(name)) {
          throw new UsageException("option " + name + " is given more than once");
        }
        continue;
      }
      if (!allowed.contains(name)) {
        throw new UsageException("unknown option " + printable(name) + " for " + command);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException("option " + name + " needs a value");
      }
      if (options.putIfAbsent(name, value) != null) {
        throw new UsageException("option " + name + " is given more than once");
      }
    }
    for (String name : allowed) {
      if (!options.containsKey(name)) {
        throw new UsageException(command + " needs " + name);
      }
    }
    return switch (command) {
      case "create" -> new Create(collectionId(options.get(COLLECTION_ID)));
      case "rotate-secret" -> new RotateSecret(apiKey(options.get(API_KEY)));
      case "revoke" -> new Revoke(apiKey(options.get(API_KEY)));
      case "list" -> new ListCredentials();
      case "import" -> new Import(file(options.get(FILE)), flags.contains(REPLACE_SECRET));
      default -> throw new IllegalStateException(command);
    };
  }

  private static String file(String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(FILE + " needs a file name (or - for stdin)");
    }
    return value;
  }

  private static String collectionId(String value) throws UsageException {
    String problem = CollectionIds.problem(value);
    if (problem != null) {
      throw new UsageException("invalid " + COLLECTION_ID + ": " + problem);
    }
    return value;
  }

  /**
   * Any key this tool made is {@code ck_} + base64url; the check is looser than that (keys seeded by other means
   * stay manageable) but refuses what cannot be a key, and an api secret pasted by mistake, which is refused
   * without being echoed.
   */
  private static String apiKey(String value) throws UsageException {
    if (value.startsWith(CredentialGenerator.API_SECRET_PREFIX)) {
      throw new UsageException(
          "the value of " + API_KEY + " starts with " + CredentialGenerator.API_SECRET_PREFIX
              + ", so it is an api_secret, not an api_key (not shown); api keys start with "
              + CredentialGenerator.API_KEY_PREFIX);
    }
    if (value.isEmpty() || value.length() > MAX_API_KEY_LENGTH) {
      throw new UsageException(API_KEY + " must be 1-" + MAX_API_KEY_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new UsageException(
            API_KEY + " contains a space or control character at position " + (i + 1));
      }
    }
    return value;
  }

  /**
   * An argument as shown in an error: cut to 64 characters, control characters replaced, and not shown at all
   * when it looks like an api secret (a secret pasted in the wrong place must not end up in a terminal log).
   */
  private static String printable(String arg) {
    if (LOOKS_LIKE_SECRET.matcher(arg).find()) {
      return "(an argument that looks like an api_secret, not shown)";
    }
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(arg.length(), 64);
    for (int i = 0; i < end; i++) {
      char c = arg.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.append(arg.length() > end ? "...'" : "'").toString();
  }
}
