package com.web3crm.webhook.testing;

import com.web3crm.webhook.local.DynaliteProcess;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real DynamoDB-compatible server the integration tests talk to over HTTP, one per test run.
 *
 * <p>Which server, in order: {@code DYNAMODB_ENDPOINT} (env or system property) when set; LocalStack through
 * Testcontainers when a Docker engine answers; otherwise dynalite, started here from the pinned npm package
 * (no manual step). {@code CRM_TEST_DYNAMODB=dynalite|localstack} forces a choice. Never skips: with no
 * server at all the tests fail.
 *
 * <p>Use as a JUnit extension ({@code @ExtendWith(TestDynamoDb.class)}) and take it as a test or constructor
 * parameter; the server is shared by all test classes and stopped when the run ends.
 */
public final class TestDynamoDb implements ParameterResolver, AutoCloseable {
  public static final Region REGION = Region.US_EAST_1;
  private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";

  private final URI endpoint;
  private final String description;
  private final AutoCloseable server;
  private final AtomicInteger tables = new AtomicInteger();

  /** For JUnit only; tests receive the shared instance as a parameter. */
  public TestDynamoDb() {
    this.endpoint = null;
    this.description = null;
    this.server = null;
  }

  private TestDynamoDb(URI endpoint, String description, AutoCloseable server) {
    this.endpoint = endpoint;
    this.description = description;
    this.server = server;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == TestDynamoDb.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return extension
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(TestDynamoDb.class))
        .getOrComputeIfAbsent("server", key -> start(), TestDynamoDb.class);
  }

  private static TestDynamoDb start() {
    String configured = setting("DYNAMODB_ENDPOINT");
    String forced = Optional.ofNullable(setting("CRM_TEST_DYNAMODB")).orElse("");
    TestDynamoDb db;
    try {
      if (configured != null && !configured.isBlank()) {
        db = new TestDynamoDb(URI.create(configured.strip()), "DYNAMODB_ENDPOINT " + configured, () -> {});
      } else if (forced.equals("localstack") || (!forced.equals("dynalite") && dockerAvailable())) {
        LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE));
        localstack.start();
        db = new TestDynamoDb(localstack.getEndpoint(), "LocalStack " + LOCALSTACK_IMAGE, localstack::stop);
      } else {
        DynaliteProcess dynalite = DynaliteProcess.start(projectDir(), null);
        db = new TestDynamoDb(dynalite.endpoint(), "dynalite (npm, in memory)", dynalite);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not start a DynamoDB-compatible server for the tests", e);
    }
    System.out.println("[TestDynamoDb] integration tests run against " + db.description + " at " + db.endpoint);
    return db;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }

  /** The project's root folder (Maven passes it; the working directory otherwise). */
  public static Path projectDir() {
    return Path.of(System.getProperty("project.basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  public URI endpoint() {
    return endpoint;
  }

  public String description() {
    return description;
  }

  /** A client for {@code endpoint} with the production HTTP, timeout and retry settings. */
  public DynamoDbClient client(String tableName) {
    return DynamoDbClients.create(config(tableName), credentials());
  }

  /** The same client, recording every DynamoDB operation it sends into {@code calls}. */
  public DynamoDbClient countingClient(String tableName, List<String> calls) {
    return DynamoDbClients.create(config(tableName), credentials(), List.of(new CallRecorder(calls)));
  }

  public StoreConfig config(String tableName) {
    return new StoreConfig(tableName, REGION, Optional.of(endpoint));
  }

  /** Creates a fresh, empty collections table (same schema as template.yaml) and returns its name. */
  public String createTable(String prefix) {
    String name = prefix + "-" + tables.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (DynamoDbClient client = client(name)) {
      LocalTable.ensure(client, name);
    }
    return name;
  }

  public static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop " + description, e);
      }
    }
  }

  /** Counts calls as the SDK sends them (one entry per API call, retries not counted). */
  private record CallRecorder(List<String> calls) implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      calls.add(context.request().getClass().getSimpleName().replace("Request", ""));
    }
  }

  /** A thread-safe list for {@link #countingClient}. */
  public static List<String> newCallLog() {
    return new CopyOnWriteArrayList<>();
  }
}
