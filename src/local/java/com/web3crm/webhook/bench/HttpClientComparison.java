package com.web3crm.webhook.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.local.LocalContext;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.SecretHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Throwaway measurement behind the HTTP client choice (docs/benchmarks-http-client.md); never shipped (test source
 * root). Run it through {@code bin/http-client-comparison}, which builds one class path per client (only that
 * client's jars) and starts dynalite.
 *
 * <pre>
 * HttpClientComparison setup &lt;endpoint&gt; &lt;table&gt;                 creates the table and the demo collection
 * HttpClientComparison warm  &lt;client&gt; &lt;endpoint&gt; &lt;table&gt; [warmup] [measured]
 * HttpClientComparison first &lt;client&gt; &lt;endpoint&gt; &lt;table&gt;
 * </pre>
 *
 * <ul>
 *   <li>{@code client}: url-connection, apache (4.x), apache5 or crt. The client is built through its own static
 *       {@code builder()} (found by class name, so this file compiles without any of them) with the project's
 *       timeouts: connect 1 s, read/socket 1.2 s; SDK settings as in DynamoDbClients (region, endpoint override,
 *       attempt timeout 1.2 s, call timeout 2 s, RetryMode.STANDARD), static credentials.
 *   <li>{@code warm}: one JVM; each iteration runs, in this order and timed one by one with System.nanoTime: a raw
 *       GetItem (the request GetWebhookHandler sends: consistent read, projection), a raw conditional UpdateItem
 *       (shaped like RegisterWebhookHandler's), the GET handler and the POST handler, each handler timed with event
 *       deserialization and response serialization by the Lambda runtime's serializers. {@code warmup} uncounted
 *       iterations (default 1,000), then {@code measured} counted ones (default 2,000); prints median and p99
 *       (nearest rank) of each, in microseconds, as one line {@code WARM client=... get=med/p99 ...}.
 *   <li>{@code first}: meant for a fresh JVM: time from main() to the end of the first GetItem (HTTP client and
 *       DynamoDbClient built, one GetItem answered), printed as {@code FIRST client=... ms=...}.
 * </ul>
 */
public final class HttpClientComparison {
  private HttpClientComparison() {}

  private static final Map<String, String> CLIENT_CLASSES =
      Map.of(
          "url-connection", "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
          "apache", "software.amazon.awssdk.http.apache.ApacheHttpClient",
          "apache5", "software.amazon.awssdk.http.apache5.Apache5HttpClient",
          "crt", "software.amazon.awssdk.http.crt.AwsCrtHttpClient");

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    switch (args.length > 0 ? args[0] : "") {
      case "setup" -> setup(URI.create(args[1]), args[2]);
      case "first" -> first(start, args[1], URI.create(args[2]), args[3]);
      case "warm" ->
          warm(args[1], URI.create(args[2]), args[3],
              args.length > 4 ? Integer.parseInt(args[4]) : 1000,
              args.length > 5 ? Integer.parseInt(args[5]) : 2000);
      default -> {
        System.err.println("usage: HttpClientComparison setup|warm|first ... (see the class comment)");
        System.exit(2);
      }
    }
    System.exit(0); // CRT and Apache keep non-daemon threads
  }

  static SdkHttpClient httpClient(String name) throws ReflectiveOperationException {
    String className = CLIENT_CLASSES.get(name);
    if (className == null) {
      throw new IllegalArgumentException("unknown client " + name + "; one of " + CLIENT_CLASSES.keySet());
    }
    SdkHttpClient.Builder<?> builder =
        (SdkHttpClient.Builder<?>) Class.forName(className).getMethod("builder").invoke(null);
    return builder.buildWithDefaults(
        AttributeMap.builder()
            .put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, Duration.ofMillis(1000))
            .put(SdkHttpConfigurationOption.READ_TIMEOUT, Duration.ofMillis(1200))
            .build());
  }

  static DynamoDbClient client(SdkHttpClient http, URI endpoint) {
    return DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(http)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofMillis(1200))
                .apiCallTimeout(Duration.ofMillis(2000))
                .retryStrategy(RetryMode.STANDARD)
                .build())
        .build();
  }

  private static void setup(URI endpoint, String table) throws Exception {
    try (DynamoDbClient client = client(httpClient("url-connection"), endpoint)) {
      LocalTable.ensure(client, table);
      LocalTable.ensureDemoCollection(client, table);
    }
  }

  private static GetItemRequest getRequest(String table) {
    return GetItemRequest.builder()
        .tableName(table)
        .key(Map.of("api_key", AttributeValue.fromS(LocalTable.DEMO_API_KEY)))
        .consistentRead(true)
        .projectionExpression("#collection_id, #status, #secret_hash, #webhook, #webhook_login, #webhook_pass")
        .expressionAttributeNames(
            Map.of("#collection_id", "collection_id", "#status", "status", "#secret_hash", "secret_hash",
                "#webhook", "webhook", "#webhook_login", "webhook_login", "#webhook_pass", "webhook_pass"))
        .build();
  }

  private static UpdateItemRequest updateRequest(String table) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(Map.of("api_key", AttributeValue.fromS(LocalTable.DEMO_API_KEY)))
        .updateExpression("SET #webhook_login = :login, #updated_at = :now ADD #version :one")
        .conditionExpression("#status = :active AND #secret_hash = :secret_hash")
        .expressionAttributeNames(
            Map.of("#status", "status", "#secret_hash", "secret_hash", "#webhook_login", "webhook_login",
                "#updated_at", "updated_at", "#version", "version"))
        .expressionAttributeValues(
            Map.of(
                ":login", AttributeValue.fromS("bench"),
                ":now", AttributeValue.fromS("2026-12-03T00:00:00.000Z"),
                ":one", AttributeValue.fromN("1"),
                ":active", AttributeValue.fromS("active"),
                ":secret_hash", AttributeValue.fromS(SecretHash.of(LocalTable.DEMO_API_SECRET))))
        .returnValues(ReturnValue.NONE)
        .build();
  }

  private static void first(long start, String name, URI endpoint, String table) throws Exception {
    DynamoDbClient client = client(httpClient(name), endpoint);
    var response = client.getItem(getRequest(table));
    long elapsed = System.nanoTime() - start;
    if (!response.hasItem()) {
      throw new IllegalStateException("the demo item is missing; run setup first");
    }
    System.out.printf(Locale.ROOT, "FIRST client=%s ms=%.1f%n", name, elapsed / 1e6);
  }

  private static void warm(String name, URI endpoint, String table, int warmup, int measured) throws Exception {
    DynamoDbClient client = client(httpClient(name), endpoint);
    CollectionStore store = new CollectionStore(client, table);
    GetWebhookHandler get = new GetWebhookHandler(store);
    RegisterWebhookHandler register = new RegisterWebhookHandler(store, Clock.systemUTC());
    ClassLoader loader = HttpClientComparison.class.getClassLoader();
    PojoSerializer<APIGatewayProxyRequestEvent> in =
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);
    PojoSerializer<APIGatewayProxyResponseEvent> out =
        LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader);
    byte[] getEvent = Files.readAllBytes(Path.of("events/get-webhook.json"));
    byte[] postEvent = Files.readAllBytes(Path.of("events/register-json.json"));
    LocalContext context =
        new LocalContext("bench", "bench", "us-east-1", Duration.ofDays(1), 1024, new PrintStream(OutputStream.nullOutputStream()));
    GetItemRequest getRequest = getRequest(table);
    UpdateItemRequest updateRequest = updateRequest(table);

    long[][] samples = new long[4][measured];
    for (int i = 0; i < warmup + measured; i++) {
      long t0 = System.nanoTime();
      client.getItem(getRequest);
      long t1 = System.nanoTime();
      client.updateItem(updateRequest);
      long t2 = System.nanoTime();
      int getStatus = handle(in, out, getEvent, e -> get.handleRequest(e, context));
      long t3 = System.nanoTime();
      int postStatus = handle(in, out, postEvent, e -> register.handleRequest(e, context));
      long t4 = System.nanoTime();
      if (getStatus != 200 || postStatus != 200) {
        throw new IllegalStateException("handler answered " + getStatus + "/" + postStatus);
      }
      if (i >= warmup) {
        int k = i - warmup;
        samples[0][k] = t1 - t0;
        samples[1][k] = t2 - t1;
        samples[2][k] = t3 - t2;
        samples[3][k] = t4 - t3;
      }
    }
    System.out.printf(Locale.ROOT, "WARM client=%s n=%d getItem=%s updateItem=%s getHandler=%s postHandler=%s%n",
        name, measured, stats(samples[0]), stats(samples[1]), stats(samples[2]), stats(samples[3]));
  }

  private static int handle(
      PojoSerializer<APIGatewayProxyRequestEvent> in,
      PojoSerializer<APIGatewayProxyResponseEvent> out,
      byte[] event,
      java.util.function.Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
    APIGatewayProxyResponseEvent response = handler.apply(in.fromJson(new ByteArrayInputStream(event)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    out.toJson(response, bytes);
    return response.getStatusCode();
  }

  /** median/p99 in microseconds (nearest rank). */
  private static String stats(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "%d/%d", rank(sorted, 0.50) / 1000, rank(sorted, 0.99) / 1000);
  }

  private static long rank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
