package com.web3crm.webhook.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts, per operation, the API calls a client made, the HTTP attempts they took (retries included), and the calls
 * that needed more than one attempt. Hand it to {@code DynamoDbClients.create(config, credentials, List.of(it))}.
 * A retried write may have been applied by an earlier attempt whose answer was lost, so tests that count writes
 * print these figures next to theirs.
 */
public final class SdkAttempts implements ExecutionInterceptor {
  private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>("SdkAttempts.attempts");

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> retriedCalls = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    add(calls, operation(context));
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    int attempt = attributes.getAttribute(ATTEMPTS).incrementAndGet();
    add(attempts, operation(context));
    if (attempt == 2) {
      add(retriedCalls, operation(context));
    }
  }

  private static String operation(Context.BeforeExecution context) {
    return context.request().getClass().getSimpleName().replace("Request", "");
  }

  private static void add(Map<String, LongAdder> counts, String operation) {
    counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  public long calls(String operation) {
    return count(calls, operation);
  }

  public long attempts(String operation) {
    return count(attempts, operation);
  }

  /** Calls that were sent more than once. */
  public long retriedCalls(String operation) {
    return count(retriedCalls, operation);
  }

  private static long count(Map<String, LongAdder> counts, String operation) {
    LongAdder adder = counts.get(operation);
    return adder == null ? 0 : adder.sum();
  }

  /** e.g. {@code GetItem calls=629 attempts=629 retried=0, UpdateItem calls=971 attempts=973 retried=2}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String operation : new TreeMap<>(calls).keySet()) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(operation).append(" calls=").append(calls(operation)).append(" attempts=")
          .append(attempts(operation)).append(" retried=").append(retriedCalls(operation));
    }
    return out.isEmpty() ? "no calls" : out.toString();
  }
}
