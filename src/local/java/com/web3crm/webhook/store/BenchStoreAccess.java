package com.web3crm.webhook.store;

import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.rules.WebhookChange;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * bin/bench's window on the store's package-private parts (local tooling, compiled with the tests; never shipped):
 * the exact requests {@link CollectionStore} sends, for the raw SDK figures, and the functions' credentials chain,
 * so the benchmark's client differs from the functions' only by the call-counting interceptor it adds.
 */
public final class BenchStoreAccess {
  private BenchStoreAccess() {}

  public static GetItemRequest readRequest(CollectionStore store, Credentials credentials) {
    return store.readRequest(credentials);
  }

  public static UpdateItemRequest updateRequest(
      CollectionStore store, Credentials credentials, WebhookChange change, Instant now) {
    return store.updateRequest(credentials, change, now);
  }

  public static AwsCredentialsProvider lambdaCredentials() {
    return DynamoDbClients.lambdaCredentials();
  }
}
