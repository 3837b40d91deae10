package com.web3crm.webhook.admin;

import java.math.BigDecimal;

/**
 * One row of {@code list}. Holds nothing secret by construction: no secret, no hash, no webhook password, not even
 * the webhook login (only whether they are set).
 */
public record CredentialSummary(
    String apiKey,
    String collectionId,
    String status,
    String webhook,
    boolean hasWebhookLogin,
    boolean hasWebhookPass,
    String createdAt,
    String updatedAt,
    BigDecimal version) {}
