package com.web3crm.webhook.admin;

/** The new secret of a credential after rotate-secret. {@link #toString()} hides the secret. */
public record RotatedSecret(String apiKey, String apiSecret) {
  @Override
  public String toString() {
    return "RotatedSecret[apiKey=" + apiKey + ", apiSecret=***]";
  }
}
