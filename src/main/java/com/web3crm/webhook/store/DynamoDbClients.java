package com.web3crm.webhook.store;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one {@link DynamoDbClient} a function uses, once, at init.
 *
 * <p>Choices, each for a reason:
 * <ul>
 *   <li>HTTP client: {@code apache5-client} (Apache HttpClient 5), a measured choice
 *       (docs/benchmarks-http-client.md): on loopback its warm GetItem median is a quarter to a half of
 *       {@code url-connection-client}'s (0.5-1.1 ms against 2.0-3.2 ms, by machine load), the way to a handler
 *       median under 1 ms; the CRT client was in the same range but ships 23.9 MB of native libraries; Apache 4 is about as fast but
 *       in maintenance and loads its logging by reflection. Its jars are shrunk with the rest of the
 *       artifact (pom.xml, maven-shade-plugin). Pool: at most {@link #MAX_CONNECTIONS} connections; a Lambda
 *       instance serves one request at a time and so uses one, but tests and bin/local-api share one client
 *       between many threads.
 *   <li>Credentials: container credentials first (what Lambda provides to SnapStart functions, refreshed before
 *       they expire, so a restored snapshot never holds stale keys), then the environment variables Lambda sets
 *       for on-demand functions and local runs. No profile files, no instance metadata.
 *   <li>Timeouts: every call ends within {@link #API_CALL_TIMEOUT}, retries included, well inside the
 *       function's 10 s timeout, so an outage is answered with a 503, not an API Gateway timeout. Each attempt
 *       ends within {@link #API_CALL_ATTEMPT_TIMEOUT}; connecting may take {@link #CONNECT_TIMEOUT}, and a socket
 *       read {@link #SOCKET_TIMEOUT}.
 *   <li>Retries: the SDK's standard mode (3 attempts, backoff with jitter, throttling-aware).
 *   <li>Endpoint: fixed when the client is built ({@link #regionalEndpoint}, or {@code DYNAMODB_ENDPOINT}), so no
 *       call evaluates the SDK's endpoint rule set (BENCHMARKS.md: warm raw GetItem 0.79 to 0.57 ms in one
 *       side-by-side pair of runs).
 * </ul>
 */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
  static final Duration SOCKET_TIMEOUT = Duration.ofMillis(1200);
  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofMillis(1200);
  static final Duration API_CALL_TIMEOUT = Duration.ofMillis(2000);
  /** The 32 threads ConcurrentUpdatesIT drives through one shared client; a Lambda instance needs one. */
  static final int MAX_CONNECTIONS = 32;

  /** The client for the functions: credentials from the Lambda environment. */
  public static DynamoDbClient forFunction(StoreConfig config) {
    return create(config, lambdaCredentials());
  }

  /** A client with the given credentials and the same HTTP, timeout and retry settings. */
  public static DynamoDbClient create(StoreConfig config, AwsCredentialsProvider credentials) {
    return create(config, credentials, List.of());
  }

  /**
   * The same, with execution interceptors added (tests and the benchmark count DynamoDB calls with one).
   */
  public static DynamoDbClient create(
      StoreConfig config, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(config.region())
            .credentialsProvider(credentials)
            .httpClient(
                Apache5HttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .maxConnections(MAX_CONNECTIONS)
                    .build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                    .apiCallTimeout(API_CALL_TIMEOUT)
                    .retryStrategy(RetryMode.STANDARD)
                    .executionInterceptors(interceptors)
                    .build());
    config.endpoint().ifPresent(builder::endpointOverride); // also what tools read back to see where a client points
    Endpoint fixed = Endpoint.builder().url(config.endpoint().orElseGet(() -> regionalEndpoint(config.region()))).build();
    builder.endpointProvider(params -> CompletableFuture.completedFuture(fixed));
    return builder.build();
  }

  /**
   * DynamoDB's regional HTTPS endpoint, decided once: the SDK's endpoint rules engine would evaluate its rule set on
   * every call (and load its classes at the first), for an answer that never changes for this client.
   */
  static URI regionalEndpoint(Region region) {
    String id = region.id();
    return URI.create("https://dynamodb." + id + (id.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"));
  }

  static AwsCredentialsProvider lambdaCredentials() {
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(
            ContainerCredentialsProvider.builder().build(), EnvironmentVariableCredentialsProvider.create())
        .build();
  }
}
