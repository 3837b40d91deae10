package com.web3crm.webhook.admin;

import com.web3crm.webhook.local.LocalEnvironment;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Where {@code bin/collections} talks to, decided once per run from the environment:
 *
 * <ol>
 *   <li>{@code DYNAMODB_ENDPOINT} when set (a local or otherwise DynamoDB-compatible server);
 *   <li>else the server {@code bin/local-api} runs, whose URL is in {@value #LOCAL_ENDPOINT_FILE} under the
 *       project directory while it runs; a file whose server does not accept a connection is stale and ignored;
 *   <li>else AWS DynamoDB: SDK default credential chain, region from {@code AWS_REGION} or the default region
 *       chain (profile, instance metadata).
 * </ol>
 *
 * <p>The table is {@code TABLE_NAME}; on a local endpoint it defaults to {@value #LOCAL_TABLE}, on AWS it is
 * required (no default could be right: CloudFormation names the table). Local endpoints get the dummy
 * credentials {@code local}/{@code local} unless {@code AWS_ACCESS_KEY_ID} is set.
 */
public final class TableTarget implements AutoCloseable {
  /** Shared with bin/local-api: {@link LocalEnvironment#endpointFile}. */
  public static final String LOCAL_ENDPOINT_FILE = ".local-data/dynamodb-endpoint";
  public static final String LOCAL_TABLE = LocalEnvironment.DEFAULT_TABLE_NAME;
  static final Region LOCAL_DEFAULT_REGION = Region.US_EAST_1;
  static final int PROBE_TIMEOUT_MILLIS = 500;

  private final String tableName;
  private final Region region;
  private final Optional<URI> endpoint;
  private final AwsCredentialsProvider credentials;
  private final String description;

  private TableTarget(
      String tableName,
      Region region,
      Optional<URI> endpoint,
      AwsCredentialsProvider credentials,
      String description) {
    this.tableName = tableName;
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.description = description;
  }

  public String tableName() {
    return tableName;
  }

  public Optional<URI> endpoint() {
    return endpoint;
  }

  public Region region() {
    return region;
  }

  /** One line for stderr: endpoint, where it came from, table. */
  public String description() {
    return description;
  }

  /** A client with the project's HTTP, timeout and retry settings ({@link DynamoDbClients#create}). */
  public DynamoDbClient newClient() {
    return DynamoDbClients.create(new StoreConfig(tableName, region, endpoint), credentials);
  }

  /**
   * Resolves the target from {@code env} (the process environment in real runs) and the endpoint file under
   * {@code projectDir}; notes about an ignored endpoint file go to {@code err}.
   */
  public static TableTarget resolve(Map<String, String> env, Path projectDir, PrintStream err)
      throws AdminException {
    String configured = nonBlank(env.get(StoreConfig.DYNAMODB_ENDPOINT));
    if (configured != null) {
      URI uri = parseEndpoint(configured, "DYNAMODB_ENDPOINT");
      return local(env, uri, "DYNAMODB_ENDPOINT");
    }
    Optional<URI> running = runningLocalServer(projectDir, err);
    if (running.isPresent()) {
      return local(env, running.get(), LOCAL_ENDPOINT_FILE + " (bin/local-api)");
    }
    return aws(env);
  }

  private static TableTarget local(Map<String, String> env, URI endpoint, String source) throws AdminException {
    String table = nonBlank(env.get(StoreConfig.TABLE_NAME));
    String tableSource = table == null ? "default for local endpoints" : "TABLE_NAME";
    if (table == null) {
      table = LOCAL_TABLE;
    }
    String regionName = nonBlank(env.get(StoreConfig.AWS_REGION));
    Region region = regionName == null ? LOCAL_DEFAULT_REGION : Region.of(regionName);
    AwsCredentialsProvider credentials;
    String credentialSource;
    String accessKey = nonBlank(env.get("AWS_ACCESS_KEY_ID"));
    if (accessKey == null) {
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalEnvironment.DUMMY_CREDENTIAL, LocalEnvironment.DUMMY_CREDENTIAL));
      credentialSource = "dummy credentials local/local";
    } else {
      String secretKey = nonBlank(env.get("AWS_SECRET_ACCESS_KEY"));
      if (secretKey == null) {
        throw new AdminException("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
      }
      String sessionToken = nonBlank(env.get("AWS_SESSION_TOKEN"));
      credentials =
          StaticCredentialsProvider.create(
              sessionToken == null
                  ? AwsBasicCredentials.create(accessKey, secretKey)
                  : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
      credentialSource = "credentials from AWS_ACCESS_KEY_ID";
    }
    String description =
        "endpoint " + endpoint + " (from " + source + ", " + credentialSource + "), table " + table + " ("
            + tableSource + ")";
    return new TableTarget(table, region, Optional.of(endpoint), credentials, description);
  }

  private static TableTarget aws(Map<String, String> env) throws AdminException {
    String table = nonBlank(env.get(StoreConfig.TABLE_NAME));
    if (table == null) {
      throw new AdminException(
          "TABLE_NAME is not set. No local DynamoDB endpoint was found (DYNAMODB_ENDPOINT unset, bin/local-api"
              + " not running), so this would talk to AWS, where the table name is required. Get it from the"
              + " stack output CollectionsTableName, e.g.\n"
              + "  aws cloudformation describe-stacks --stack-name NAME --query \"Stacks[0].Outputs\"\n"
              + "then run again with TABLE_NAME=<that name>.");
    }
    Region region;
    String regionSource;
    String regionName = nonBlank(env.get(StoreConfig.AWS_REGION));
    if (regionName != null) {
      region = Region.of(regionName);
      regionSource = "AWS_REGION";
    } else {
      try {
        region = new DefaultAwsRegionProviderChain().getRegion();
      } catch (SdkClientException e) {
        throw new AdminException(
            "no AWS region: set AWS_REGION or a region in your AWS profile (" + e.getMessage() + ")", e);
      }
      regionSource = "default region chain";
    }
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    String description =
        "AWS DynamoDB in " + region.id() + " (region from " + regionSource + ", default credential chain), table "
            + table + " (TABLE_NAME)";
    return new TableTarget(table, region, Optional.empty(), credentials, description);
  }

  /** The URL in the endpoint file when the file exists and a server accepts connections there. */
  static Optional<URI> runningLocalServer(Path projectDir, PrintStream err) {
    if (projectDir == null) {
      return Optional.empty();
    }
    Path file = LocalEnvironment.endpointFile(projectDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | UncheckedIOException e) {
      err.println("note: ignoring " + file + ": cannot read it (" + e.getMessage() + ")");
      return Optional.empty();
    }
    URI uri;
    try {
      uri = parseEndpoint(text, file.toString());
    } catch (AdminException e) {
      err.println("note: ignoring " + file + ": " + e.getMessage());
      return Optional.empty();
    }
    if (!answers(uri)) {
      err.println("note: ignoring " + file + ": nothing answers at " + uri + " (bin/local-api not running?)");
      return Optional.empty();
    }
    return Optional.of(uri);
  }

  /** Whether a TCP connection to the endpoint's host and port succeeds within {@link #PROBE_TIMEOUT_MILLIS}. */
  static boolean answers(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_TIMEOUT_MILLIS);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  static URI parseEndpoint(String text, String source) throws AdminException {
    URI uri;
    try {
      uri = URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new AdminException(source + " is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new AdminException(source + " must be an http(s) URL such as http://127.0.0.1:8000, got " + text);
    }
    return uri;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Closes the credentials provider when it holds resources (the default chain does). */
  @Override
  public void close() {
    if (credentials instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "TableTarget[" + description + "]";
  }
}
