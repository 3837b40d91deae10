package com.web3crm.webhook.bench.harness;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The "SDK floor" row of bin/bench: the functions' own DynamoDB client (built at init exactly as theirs, {@link
 * DynamoDbClients#forFunction}) and one plain GetItem per request, behind the same kind of byte entry as the
 * functions ({@link RequestStreamHandler}), with none of our request handling. A cold start
 * of it is what any handler built on this SDK client costs at least; minus the "harness only" row, it is the SDK
 * client's share of a cold start.
 */
public final class SdkFloorHandler implements RequestStreamHandler {
  private static final byte[] RESPONSE =
      "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{}\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final DynamoDbClient client;
  private final String table;

  public SdkFloorHandler() {
    StoreConfig config = StoreConfig.fromEnvironment(System.getenv());
    this.client = DynamoDbClients.forFunction(config);
    this.table = config.tableName();
  }

  /** Like the functions, a byte entry (no runtime serializers): the event is read and ignored, one GetItem made. */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    client.getItem(
        GetItemRequest.builder()
            .tableName(table)
            .key(Map.of("api_key", AttributeValue.fromS("sdk-floor-never-issued")))
            .consistentRead(true)
            .build());
    output.write(RESPONSE);
  }
}
