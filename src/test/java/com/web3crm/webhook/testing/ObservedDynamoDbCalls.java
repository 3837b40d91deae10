package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.admin.NewCollectionItem;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.SecretHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.crac.Resource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB operations each handler class really calls, seen by an SDK {@link ExecutionInterceptor} on its client
 * while it runs against a real store (the {@link TestDynamoDb} server): what the template's IAM statements are
 * compared with ({@link TemplateChecks}).
 *
 * <p>Each handler class gets its own fresh table (the local demo collection and a revoked one seeded) and runs:
 * every {@code events/} file whose {@code httpMethod} and {@code path} are its {@code ROUTE} (through the Lambda
 * runtime's own event deserializer), requests on every credential path (valid, wrong secret, unknown key, revoked
 * key, a key too long to exist), and its SnapStart priming hook ({@code beforeCheckpoint}), which Lambda runs with
 * the function's role too.
 */
public final class ObservedDynamoDbCalls {
  private ObservedDynamoDbCalls() {}

  /** Every handler class of the functions, built the way the tests build them: with a store and a clock. */
  private static final Map<Class<?>, Function<CollectionStore, Handler>> HANDLERS = Map.of(
      RegisterWebhookHandler.class, store -> new Handler(RegisterWebhookHandler.ROUTE,
          new RegisterWebhookHandler(store, Clock.systemUTC())),
      GetWebhookHandler.class, store -> new Handler(GetWebhookHandler.ROUTE, new GetWebhookHandler(store)));

  private record Handler(String route, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> instance) {}

  private static final String REVOKED_KEY = "ck_observed_revoked";
  private static final String REVOKED_SECRET = "cs_observed_revoked_secret";

  /** Handler class name → the operations ({@code GetItem}, {@code UpdateItem}, ...) it called, sorted. */
  public static Map<String, Set<String>> observe(TestDynamoDb db) throws IOException {
    Map<String, Set<String>> observed = new LinkedHashMap<>();
    for (Map.Entry<Class<?>, Function<CollectionStore, Handler>> entry : HANDLERS.entrySet()) {
      String table = db.createTable("observed");
      Set<String> operations = new ConcurrentSkipListSet<>();
      try (DynamoDbClient admin = db.client(table);
          DynamoDbClient recording = DynamoDbClients.create(db.config(table), TestDynamoDb.credentials(),
              List.of(new OperationRecorder(operations)))) {
        LocalTable.ensureDemoCollection(admin, table);
        SecretLedger.secret(LocalTable.DEMO_API_SECRET);
        SecretLedger.secret(REVOKED_SECRET);
        admin.putItem(b -> b.tableName(table).item(NewCollectionItem.of(
            REVOKED_KEY, "observed-revoked", SecretHash.of(REVOKED_SECRET), CollectionItem.STATUS_REVOKED, Instant.now())));
        Handler handler = entry.getValue().apply(new CollectionStore(recording, table));
        List<APIGatewayProxyRequestEvent> events = new ArrayList<>(eventFiles(handler.route()));
        events.addAll(credentialPaths(handler.route()));
        CapturingContext context = new CapturingContext();
        for (APIGatewayProxyRequestEvent event : events) {
          handler.instance().handleRequest(event, context);
        }
        ((Resource) handler.instance()).beforeCheckpoint(null);
      } catch (Exception e) {
        throw new IllegalStateException("observing " + entry.getKey().getName() + " failed", e);
      }
      observed.put(entry.getKey().getName(), new TreeSet<>(operations));
    }
    return observed;
  }

  /** The {@code events/} files of {@code route} ("METHOD /path"), as the Lambda runtime deserializes them. */
  static List<APIGatewayProxyRequestEvent> eventFiles(String route) throws IOException {
    List<APIGatewayProxyRequestEvent> events = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestDynamoDb.projectDir().resolve("events"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        byte[] json = Files.readAllBytes(file);
        JsonNode node = ApiFixture.parse(new String(json, StandardCharsets.UTF_8));
        if (route.equals(node.path("httpMethod").asText() + " " + node.path("path").asText())) {
          SecretLedger.event(json);
          events.add(RuntimeSerializers.EVENTS.fromJson(new ByteArrayInputStream(json)));
        }
      }
    }
    if (events.isEmpty()) {
      throw new IllegalStateException("no events/ file for " + route);
    }
    return events;
  }

  /** One request per credential path of {@code route}: valid, wrong secret, unknown, revoked, malformed key. */
  private static List<APIGatewayProxyRequestEvent> credentialPaths(String route) {
    List<String[]> credentials = List.of(
        new String[] {LocalTable.DEMO_API_KEY, LocalTable.DEMO_API_SECRET},
        new String[] {LocalTable.DEMO_API_KEY, "cs_observed_wrong_secret"},
        new String[] {"ck_observed_unknown", "cs_observed_unknown_secret"},
        new String[] {REVOKED_KEY, REVOKED_SECRET},
        new String[] {"k".repeat(300), "cs_observed_malformed_key"});
    List<APIGatewayProxyRequestEvent> events = new ArrayList<>();
    for (String[] pair : credentials) {
      EventBuilder builder = route.startsWith("POST ") ? EventBuilder.post().form("webhook_login=observer")
          : EventBuilder.get();
      if (!route.equals(builder.method() + " " + builder.build().getPath())) {
        throw new IllegalStateException("EventBuilder has no events for " + route);
      }
      events.add(builder.credentials(pair[0], pair[1]).build());
    }
    return events;
  }

  /** Records the name of every operation a client sends (the SDK's own operation name, retries not repeated). */
  private record OperationRecorder(Set<String> operations) implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }
}
