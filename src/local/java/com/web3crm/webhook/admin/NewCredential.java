package com.web3crm.webhook.admin;

/** A credential just created: the only object that ever holds its secret. {@link #toString()} hides the secret. */
public record NewCredential(String collectionId, String apiKey, String apiSecret) {
  @Override
  public String toString() {
    return "NewCredential[collectionId=" + collectionId + ", apiKey=" + apiKey + ", apiSecret=***]";
  }
}
