package com.web3crm.webhook;

import com.web3crm.webhook.api.MetricsNamespace;
import com.web3crm.webhook.store.StoreConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything the functions take from the process environment, read once at init: where the table is
 * ({@link StoreConfig}) and the namespace of the request log line's metrics. This is the functions' one read of the
 * environment ({@code FunctionEnvironmentTest} scans src/main for others), so the variables listed here are exactly
 * what the template checks compare with {@code template.yaml}.
 *
 * @param store the table, region and (locally) endpoint
 * @param metricsNamespace {@value #METRICS_NAMESPACE}, or the default namespace when unset
 */
public record FunctionEnvironment(StoreConfig store, MetricsNamespace metricsNamespace) {
  public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";

  /** Required: the functions cannot start without them ({@link StoreConfig#REQUIRED_VARIABLES}). */
  public static final List<String> REQUIRED_VARIABLES = StoreConfig.REQUIRED_VARIABLES;

  /** Read when set, with a default for local runs and tests; the template sets each of them. */
  public static final List<String> OPTIONAL_VARIABLES = List.of(METRICS_NAMESPACE);

  /** Read when set, for local and test servers only: unset in AWS ({@link StoreConfig#LOCAL_ONLY_VARIABLES}). */
  public static final List<String> LOCAL_ONLY_VARIABLES = StoreConfig.LOCAL_ONLY_VARIABLES;

  public FunctionEnvironment {
    if (store == null || metricsNamespace == null) {
      throw new IllegalArgumentException("store and metricsNamespace must not be null");
    }
  }

  /** Reads the variables above from {@code env}; fails fast with a message naming a missing required one. */
  public static FunctionEnvironment of(Map<String, String> env) {
    return new FunctionEnvironment(StoreConfig.fromEnvironment(env), MetricsNamespace.of(env.get(METRICS_NAMESPACE)));
  }

  /** The process environment, as the functions' no-argument constructors read it. */
  static FunctionEnvironment current() {
    return of(System.getenv());
  }
}
