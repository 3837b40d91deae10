package com.web3crm.webhook.store;

/** Test access to {@link StoreException}'s package-private constructor. */
public final class StoreExceptions {
  private StoreExceptions() {}

  public static StoreException unavailable() {
    return new StoreException(true, "GetItem got no answer: SdkClientException", null);
  }

  public static StoreException failed() {
    return new StoreException(false, "GetItem failed: ResourceNotFoundException (HTTP 400)", null);
  }
}
