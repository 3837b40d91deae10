package com.web3crm.webhook.store;

/**
 * A collection's registered webhook as stored; each part is null when unset. {@link #toString()} hides the
 * password.
 */
public record WebhookSettings(String collectionId, String webhook, String webhookLogin, String webhookPass) {
  @Override
  public String toString() {
    return "WebhookSettings[collectionId=" + collectionId + ", webhook=" + webhook + ", webhookLogin="
        + webhookLogin + ", webhookPass=" + (webhookPass == null ? "null" : "***") + "]";
  }
}
