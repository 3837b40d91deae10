package com.web3crm.webhook.api;

/**
 * The CloudWatch namespace of the request log line's metrics (docs/OBSERVABILITY.md). The template sets one per
 * stack through {@code METRICS_NAMESPACE}; unset or blank (local runs, tests) it is {@link #DEFAULT}.
 *
 * @param name the namespace
 * @param json {@code name} as a JSON string, quoted once at init rather than on every request
 */
public record MetricsNamespace(String name, String json) {
  public static final MetricsNamespace DEFAULT = of(null);

  public MetricsNamespace {
    if (name == null || name.isBlank() || json == null) {
      throw new IllegalArgumentException("a namespace needs a name");
    }
  }

  /** The configured namespace (stripped), or {@code CrmWebhook} when there is none. */
  public static MetricsNamespace of(String configured) {
    String name = configured == null || configured.isBlank() ? "CrmWebhook" : configured.strip();
    return new MetricsNamespace(name, Json.quote(name));
  }
}
