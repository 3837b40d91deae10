package com.web3crm.webhook.api;

/**
 * The {@code api_key} / {@code api_secret} pair a request presented. Both are non-blank and trimmed.
 * {@link #toString()} never shows the secret.
 */
public record Credentials(String apiKey, String apiSecret) {

  /** Longest {@code api_key} that can exist; longer ones are answered as invalid without asking DynamoDB. */
  public static final int MAX_API_KEY_LENGTH = 256;

  public Credentials {
    if (apiKey == null || apiKey.isBlank() || apiSecret == null || apiSecret.isBlank()) {
      throw new IllegalArgumentException("apiKey and apiSecret are required");
    }
  }

  /**
   * Whether the key could name a collection at all: printable ASCII, at most {@value #MAX_API_KEY_LENGTH}
   * characters. Keys that could not exist are answered like any unknown key, but without a DynamoDB call
   * (DynamoDB rejects keys over 2048 bytes with a ValidationException, which must not become a 500).
   */
  public boolean keyIsWellFormed() {
    if (apiKey.length() > MAX_API_KEY_LENGTH) {
      return false;
    }
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Credentials[apiKey=" + apiKey + ", apiSecret=***]";
  }
}
