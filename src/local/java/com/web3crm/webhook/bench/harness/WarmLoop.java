package com.web3crm.webhook.bench.harness;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.api.CredentialHeaders;
import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.api.RequestHeaders;
import com.web3crm.webhook.body.RequestBody;
import com.web3crm.webhook.rules.WebhookChange;
import com.web3crm.webhook.store.BenchStoreAccess;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The warm figures of one function, in this JVM: {@code WarmLoop <handlerClass> <functionName> <memoryMb>
 * <event.json> <unmeasured> <measured>}.
 *
 * <p>The handler gets the functions' own client ({@link DynamoDbClients#create} with the config from the
 * environment, exactly as the functions read it ({@code FunctionEnvironment}), and the functions' credentials chain)
 * plus one addition, a {@link CallCounter} interceptor, through the handler's {@code CollectionStore} constructor
 * (the no-arg constructor builds its client inside, out of reach of an interceptor). Each iteration:
 *
 * <ol>
 *   <li>one invocation, event bytes to response bytes (deserialize, {@code handleRequest}, serialize), timed as a
 *       whole and by phase; the DynamoDB calls it made are counted, and must be exactly 1;
 *   <li>one raw SDK call with the same client: for GetWebhookHandler the GetItem, for RegisterWebhookHandler the
 *       UpdateItem, that the store builds for this event's credentials and body (built once, sent every time).
 * </ol>
 *
 * The first {@code unmeasured} iterations are not recorded; the next {@code measured} are. Odd iterations send the
 * raw call first, so neither always follows the other. Then {@value #AFTER_GC_REQUESTS} more invocations, each
 * right after a {@code System.gc()} (what the Lambda runtime runs before a SnapStart snapshot): the fully warm
 * JVM's answer to "how fast can the first request after a restore be", whatever the priming.
 */
public final class WarmLoop {
  /** Requests after the measured ones, each right after a {@code System.gc()}. */
  static final int AFTER_GC_REQUESTS = 5;

  private WarmLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: WarmLoop <handlerClass> <functionName> <memoryMb> <event.json> <unmeasured> <measured>");
      System.exit(2);
    }
    String handlerClass = args[0];
    String functionName = args[1];
    int memoryMb = Integer.parseInt(args[2]);
    byte[] event = ColdStart.read(args[3]);
    int unmeasured = Integer.parseInt(args[4]);
    int measured = Integer.parseInt(args[5]);

    StoreConfig config = StoreConfig.fromEnvironment(System.getenv());
    CallCounter counter = new CallCounter();
    DynamoDbClient client = DynamoDbClients.create(config, BenchStoreAccess.lambdaCredentials(), List.of(counter));
    CollectionStore store = new CollectionStore(client, config.tableName());

    PojoSerializer<APIGatewayProxyRequestEvent> parser =
        LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, WarmLoop.class.getClassLoader());
    APIGatewayProxyRequestEvent request = parser.fromJson(new ByteArrayInputStream(event));
    Credentials credentials = CredentialHeaders.require(request);

    Object handler;
    Runnable raw;
    String rawName;
    if (handlerClass.equals(GetWebhookHandler.class.getName())) {
      handler = new GetWebhookHandler(store);
      GetItemRequest getItem = BenchStoreAccess.readRequest(store, credentials);
      raw = () -> client.getItem(getItem);
      rawName = "GetItem";
    } else if (handlerClass.equals(RegisterWebhookHandler.class.getName())) {
      handler = new RegisterWebhookHandler(store, Clock.systemUTC());
      WebhookChange change =
          WebhookChange.from(
              RequestBody.decodeFields(
                  request.getBody(), request.getIsBase64Encoded(), RequestHeaders.single(request, "Content-Type")));
      UpdateItemRequest updateItem = BenchStoreAccess.updateRequest(store, credentials, change, Instant.now());
      raw = () -> client.updateItem(updateItem);
      rawName = "UpdateItem";
    } else {
      throw new IllegalArgumentException("WarmLoop knows GetWebhookHandler and RegisterWebhookHandler, not "
          + handlerClass);
    }
    FunctionRuntime function = FunctionRuntime.of(handler);

    int total = unmeasured + measured;
    long[] invoke = new long[total];
    long[] handle = new long[total];
    long[] rawCall = new long[total];
    long wrongCallCount = 0;
    long badStatus = 0;
    int firstBadStatus = 0;
    long handlerCalls = 0;
    long handlerAttempts = 0;
    for (int i = 0; i < total; i++) {
      BenchContext context = new BenchContext("bench-warm-" + i, functionName, memoryMb, System.err);
      boolean rawFirst = (i & 1) == 1;
      long r0 = 0;
      long r1 = 0;
      if (rawFirst) {
        r0 = System.nanoTime();
        raw.run();
        r1 = System.nanoTime();
      }
      long calls0 = counter.calls();
      long attempts0 = counter.attempts();
      long t0 = System.nanoTime();
      function.invoke(event, context);
      long t1 = System.nanoTime();
      long calls = counter.calls() - calls0;
      handlerCalls += calls;
      handlerAttempts += counter.attempts() - attempts0;
      if (calls != 1) {
        wrongCallCount++;
      }
      if (function.lastStatus != 200) {
        if (badStatus == 0) {
          firstBadStatus = function.lastStatus;
        }
        badStatus++;
      }
      if (!rawFirst) {
        r0 = System.nanoTime();
        raw.run();
        r1 = System.nanoTime();
      }
      invoke[i] = t1 - t0;
      handle[i] = function.lastHandleNanos;
      rawCall[i] = r1 - r0;
    }

    // The same warm JVM, after one System.gc() each time (the Lambda runtime's checkpoint hook runs one before the
    // snapshot): what the first request after a restore costs at best, however much priming ran before the GC.
    long[] afterGc = new long[AFTER_GC_REQUESTS];
    for (int k = 0; k < AFTER_GC_REQUESTS; k++) {
      BenchContext context = new BenchContext("bench-after-gc-" + k, functionName, memoryMb, System.err);
      System.gc();
      long calls0 = counter.calls();
      long attempts0 = counter.attempts();
      long t0 = System.nanoTime();
      function.invoke(event, context);
      afterGc[k] = System.nanoTime() - t0;
      handlerCalls += counter.calls() - calls0;
      handlerAttempts += counter.attempts() - attempts0;
      if (counter.calls() - calls0 != 1) {
        wrongCallCount++;
      }
      if (function.lastStatus != 200) {
        if (badStatus == 0) {
          firstBadStatus = function.lastStatus;
        }
        badStatus++;
      }
    }

    new Result()
        .put("requests", total + AFTER_GC_REQUESTS)
        .put("handler_calls", handlerCalls)
        .put("handler_attempts", handlerAttempts)
        .put("requests_not_one_call", wrongCallCount)
        .put("bad_status", badStatus)
        .put("first_bad_status", firstBadStatus)
        .put("raw_operation", rawName)
        .stats("invoke", Stats.ofLongs(invoke, unmeasured, total))
        .stats("handle", Stats.ofLongs(handle, unmeasured, total))
        .stats("raw", Stats.ofLongs(rawCall, unmeasured, total))
        .stats("after_gc", Stats.ofLongs(afterGc, 0, AFTER_GC_REQUESTS))
        .print(System.out);
    client.close();
    System.exit(0);
  }
}
