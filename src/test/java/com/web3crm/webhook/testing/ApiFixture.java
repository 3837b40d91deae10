package com.web3crm.webhook.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.admin.NewCollectionItem;
import com.web3crm.webhook.api.ProxyEventJson;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.SecretHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Both handlers wired to a fresh table on the shared {@link TestDynamoDb}, plus what the tests need around them:
 * seeding collections, reading the raw stored item, and the log of DynamoDB calls the handlers made.
 */
public final class ApiFixture implements AutoCloseable {
  public static final String KEY = "k_demo_123";
  public static final String SECRET = "s_demo_456";
  public static final String REVOKED_KEY = "k_revoked_1";
  public static final String REVOKED_SECRET = "s_revoked_1";

  private static final ObjectMapper JSON = new ObjectMapper();

  public final String table;
  public final List<String> calls = TestDynamoDb.newCallLog();
  private final DynamoDbClient handlerClient;
  private final DynamoDbClient admin;
  public final RegisterWebhookHandler register;
  public final GetWebhookHandler get;
  public final CapturingContext context = new CapturingContext();

  public ApiFixture(TestDynamoDb db) {
    this.table = db.createTable("it");
    this.handlerClient = db.countingClient(table, calls);
    this.admin = db.client(table);
    CollectionStore store = new CollectionStore(handlerClient, table);
    this.register = new RegisterWebhookHandler(store, Clock.systemUTC());
    this.get = new GetWebhookHandler(store);
    putCollection(KEY, SECRET, "collection-1", CollectionItem.STATUS_ACTIVE);
    putCollection(REVOKED_KEY, REVOKED_SECRET, "collection-2", CollectionItem.STATUS_REVOKED);
  }

  /** Stores a collection the way the admin tool does (only the secret's hash). */
  public void putCollection(String apiKey, String secret, String collectionId, String status) {
    SecretLedger.secret(secret);
    admin.putItem(b -> b.tableName(table).item(
        NewCollectionItem.of(apiKey, collectionId, SecretHash.of(secret), status, Instant.now())));
  }

  /** The item exactly as stored (strongly consistent), or an empty map. */
  public Map<String, AttributeValue> storedItem(String apiKey) {
    var response = admin.getItem(b -> b.tableName(table).key(Map.of(CollectionItem.API_KEY, s(apiKey))).consistentRead(true));
    return response.hasItem() ? Map.copyOf(response.item()) : Map.of();
  }

  /**
   * POST through the function's Lambda entry as the runtime calls it: {@code event} written as API Gateway's JSON by
   * the runtime's own serializer, the response bytes read back the same way.
   */
  public Response post(APIGatewayProxyRequestEvent event) {
    return Response.ofJson(invoke(register, event, context));
  }

  /** GET through the function's Lambda entry, as {@link #post}. */
  public Response get(APIGatewayProxyRequestEvent event) {
    return Response.ofJson(invoke(get, event, context));
  }

  /**
   * One request through a handler's Lambda entry, as {@link #post} sends it, with the caller's context; the response
   * as the runtime's serializer reads the bytes back.
   */
  public APIGatewayProxyResponseEvent throughLambdaEntry(
      boolean post, APIGatewayProxyRequestEvent event, Context context) {
    return RuntimeSerializers.RESPONSES.fromJson(new ByteArrayInputStream(invoke(post ? register : get, event, context)));
  }

  private byte[] invoke(RequestStreamHandler handler, APIGatewayProxyRequestEvent event, Context context) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try {
      RuntimeSerializers.EVENTS.toJson(event, json);
    } catch (RuntimeException notJson) {
      // an event no JSON can carry (a null map key, C01): only the typed entry can receive it
      return ProxyEventJson.toJson(
          (handler == register ? register.handleRequest(event, context) : get.handleRequest(event, context)))
          .getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(json.toByteArray()), out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** POSTs a form body with the valid credentials and asserts 200 updated. */
  public void registerForm(String formBody) {
    Response response = post(EventBuilder.post().credentials(KEY, SECRET).form(formBody).build());
    assertThat(response.body()).isEqualTo("{\"status\":true,\"message\":\"updated\"}");
    assertThat(response.status()).isEqualTo(200);
  }

  /** GET with the valid credentials: the {@code data} object. */
  public JsonNode readBack() {
    Response response = get(EventBuilder.get().credentials(KEY, SECRET).build());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("data");
  }

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  @Override
  public void close() {
    handlerClient.close();
    admin.close();
  }
}
