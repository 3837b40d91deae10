package com.web3crm.webhook.store;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Where the collections table is, read once from the environment at init.
 *
 * <ul>
 *   <li>{@code TABLE_NAME} (required): the table; the template passes it in.
 *   <li>{@code AWS_REGION} (required; Lambda always sets it): the region, set explicitly on the client so the
 *       SDK never searches for one.
 *   <li>{@code DYNAMODB_ENDPOINT} (optional): a DynamoDB-compatible endpoint such as a local dynalite
 *       ({@code http://127.0.0.1:8000}); unset in AWS.
 * </ul>
 */
public record StoreConfig(String tableName, Region region, Optional<URI> endpoint) {
  public static final String TABLE_NAME = "TABLE_NAME";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

  /**
   * The variables {@link #fromEnvironment} requires: the functions cannot start without them (the template sets
   * {@code TABLE_NAME}, Lambda sets {@code AWS_REGION}). The template checks of the tests read this list;
   * {@code StoreConfigTest} proves it is exactly what {@link #fromEnvironment} reads and needs.
   */
  public static final List<String> REQUIRED_VARIABLES = List.of(TABLE_NAME, AWS_REGION);

  /** The variables {@link #fromEnvironment} reads when set, for local and test servers only: unset in AWS. */
  public static final List<String> LOCAL_ONLY_VARIABLES = List.of(DYNAMODB_ENDPOINT);

  public StoreConfig {
    if (tableName == null || tableName.isBlank()) {
      throw new IllegalArgumentException("tableName is required");
    }
    if (region == null || endpoint == null) {
      throw new IllegalArgumentException("region and endpoint must not be null");
    }
  }

  /** Reads the variables above; fails fast with a message naming the missing one. */
  public static StoreConfig fromEnvironment(Map<String, String> env) {
    String table = require(env, TABLE_NAME);
    String region = require(env, AWS_REGION);
    String endpoint = env.get(DYNAMODB_ENDPOINT);
    return new StoreConfig(
        table,
        Region.of(region),
        endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint.strip())));
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value.strip();
  }
}
