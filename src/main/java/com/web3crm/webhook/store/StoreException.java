package com.web3crm.webhook.store;

/**
 * DynamoDB could not answer. {@link #unavailable()} is true when the store was unreachable, timed out or throttled
 * after the SDK's retries (the API answers 503), false for anything else (500).
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean unavailable;

  StoreException(boolean unavailable, String summary, Throwable cause) {
    super(summary, cause);
    this.unavailable = unavailable;
  }

  public boolean unavailable() {
    return unavailable;
  }
}
