package com.web3crm.webhook.local;

import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Configuration of local runs (bin/local-api, bin/invoke, the tests), in one place.
 *
 * <p>The functions read their configuration from environment variables ({@link StoreConfig}); a local run sets the
 * same variables, with these defaults where the caller left them unset:
 *
 * <ul>
 *   <li>{@code TABLE_NAME} = {@value #DEFAULT_TABLE_NAME}
 *   <li>{@code AWS_REGION} = {@value #DEFAULT_REGION}
 *   <li>{@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} = {@value #DUMMY_CREDENTIAL} (dynalite checks
 *       only that requests are signed, not by whom)
 *   <li>{@code DYNAMODB_ENDPOINT}: no default here. bin/local-api starts dynalite and sets it; a Java caller
 *       passes {@link DynaliteProcess#endpoint()}.
 * </ul>
 *
 * <p>Files, under the project directory (git-ignored through {@code .local-data/}):
 *
 * <ul>
 *   <li>{@link #dataDir} {@code .local-data/dynalite}: dynalite's LevelDB directory, so local data survives
 *       restarts. LevelDB locks it: one dynalite at a time.
 *   <li>{@link #endpointFile} {@code .local-data/dynamodb-endpoint}: one line, the URL of the dynalite that
 *       bin/local-api is running on that directory; written when it starts, deleted when it stops. bin/invoke
 *       reuses that server instead of trying (and failing) to open the locked directory.
 * </ul>
 *
 * <p>The shell side of the same defaults is {@code local_env_defaults} in bin/lib/common.sh; keep them equal.
 */
public record LocalEnvironment(
    String tableName, String region, String accessKeyId, String secretAccessKey, Optional<URI> endpoint) {
  public static final String DEFAULT_TABLE_NAME = "crm-collections-local";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DUMMY_CREDENTIAL = "local";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  /** System property naming the project directory (Failsafe sets it; the bin/ commands pass it). */
  public static final String PROJECT_DIR_PROPERTY = "project.basedir";

  /** Everything but the secret access key. */
  @Override
  public String toString() {
    return "LocalEnvironment[tableName=" + tableName + ", region=" + region + ", accessKeyId=" + accessKeyId
        + ", endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + "]";
  }

  public LocalEnvironment {
    if (tableName == null || tableName.isBlank() || region == null || region.isBlank()) {
      throw new IllegalArgumentException("tableName and region are required");
    }
    if (accessKeyId == null || secretAccessKey == null || endpoint == null) {
      throw new IllegalArgumentException("credentials and endpoint must not be null");
    }
  }

  /** The process environment with the defaults above. */
  public static LocalEnvironment fromSystem() {
    return fromEnvironment(System.getenv());
  }

  /** {@code env} with the defaults above. */
  public static LocalEnvironment fromEnvironment(Map<String, String> env) {
    String endpoint = nonBlank(env.get(StoreConfig.DYNAMODB_ENDPOINT), null);
    return new LocalEnvironment(
        nonBlank(env.get(StoreConfig.TABLE_NAME), DEFAULT_TABLE_NAME),
        nonBlank(env.get(StoreConfig.AWS_REGION), DEFAULT_REGION),
        nonBlank(env.get(AWS_ACCESS_KEY_ID), DUMMY_CREDENTIAL),
        nonBlank(env.get(AWS_SECRET_ACCESS_KEY), DUMMY_CREDENTIAL),
        endpoint == null ? Optional.empty() : Optional.of(URI.create(endpoint)));
  }

  /** Defaults everywhere and the given endpoint (e.g. a {@link DynaliteProcess}'s): what tests use. */
  public static LocalEnvironment forEndpoint(URI endpoint) {
    return new LocalEnvironment(
        DEFAULT_TABLE_NAME, DEFAULT_REGION, DUMMY_CREDENTIAL, DUMMY_CREDENTIAL, Optional.of(endpoint));
  }

  public LocalEnvironment withEndpoint(URI newEndpoint) {
    return new LocalEnvironment(tableName, region, accessKeyId, secretAccessKey, Optional.of(newEndpoint));
  }

  public LocalEnvironment withTableName(String newTableName) {
    return new LocalEnvironment(newTableName, region, accessKeyId, secretAccessKey, endpoint);
  }

  /** The variables the functions read, as a local run must set them (for a child process's environment). */
  public Map<String, String> handlerEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(StoreConfig.TABLE_NAME, tableName);
    env.put(StoreConfig.AWS_REGION, region);
    endpoint.ifPresent(uri -> env.put(StoreConfig.DYNAMODB_ENDPOINT, uri.toString()));
    env.put(AWS_ACCESS_KEY_ID, accessKeyId);
    env.put(AWS_SECRET_ACCESS_KEY, secretAccessKey);
    return env;
  }

  /** The {@link StoreConfig} the functions would build from {@link #handlerEnvironment()}. */
  public StoreConfig storeConfig() {
    return new StoreConfig(tableName, Region.of(region), endpoint);
  }

  /**
   * A client for the local table with the functions' HTTP, timeout and retry settings and these (dummy)
   * credentials. Close it when done.
   */
  public DynamoDbClient dynamoDbClient() {
    return DynamoDbClients.create(
        storeConfig(), StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
  }

  /** True when the endpoint is set and names this machine (so seeding demo data there is harmless). */
  public boolean endpointIsLocal() {
    return endpoint.map(LocalEnvironment::isLoopback).orElse(false);
  }

  /** True when {@code uri}'s host is a loopback name or address ({@code localhost}, 127.0.0.0/8, ::1). */
  public static boolean isLoopback(URI uri) {
    String host = uri == null ? null : uri.getHost();
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|\\[?[0-9a-f:.]+]?")) {
      return false; // a DNS name: never resolved here
    }
    try {
      return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The project directory: system property {@value #PROJECT_DIR_PROPERTY} when set, else the working directory.
   */
  public static Path projectDir() {
    String property = System.getProperty(PROJECT_DIR_PROPERTY);
    return Path.of(property == null || property.isBlank() ? "" : property).toAbsolutePath().normalize();
  }

  /** {@code .local-data/dynalite}: dynalite's LevelDB directory for bin/local-api and bin/invoke. */
  public static Path dataDir(Path projectDir) {
    return projectDir.resolve(".local-data").resolve("dynalite");
  }

  /** {@code .local-data/dynamodb-endpoint}: the URL of the dynalite a running bin/local-api serves. */
  public static Path endpointFile(Path projectDir) {
    return projectDir.resolve(".local-data").resolve("dynamodb-endpoint");
  }

  /** The URL in the endpoint file, when the file exists and holds one (whether that server is alive or not). */
  public static Optional<URI> readEndpointFile(Path projectDir) {
    Path file = endpointFile(projectDir);
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(URI.create(text));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String nonBlank(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
