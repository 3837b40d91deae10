package com.web3crm.webhook.bench.harness;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.store.StoreConfig;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The "SDK floor" row of bin/bench: the functions' own DynamoDB client (built at init exactly as theirs, {@link
 * DynamoDbClients#forFunction}) and one plain GetItem per request, with none of our request handling. A cold start
 * of it is what any handler built on this SDK client costs at least; minus the "harness only" row, it is the SDK
 * client's share of a cold start.
 */
public final class SdkFloorHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final DynamoDbClient client;
  private final String table;

  public SdkFloorHandler() {
    StoreConfig config = StoreConfig.fromEnvironment(System.getenv());
    this.client = DynamoDbClients.forFunction(config);
    this.table = config.tableName();
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    String key = event.getHeaders() == null ? null : event.getHeaders().get("api_key");
    boolean found =
        client
            .getItem(
                GetItemRequest.builder()
                    .tableName(table)
                    .key(Map.of("api_key", AttributeValue.fromS(key == null ? "none" : key)))
                    .consistentRead(true)
                    .build())
            .hasItem();
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(found ? "{\"status\":true}" : "{\"status\":false}");
  }
}
