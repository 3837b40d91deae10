package com.web3crm.webhook.bench.harness;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB API calls a client makes ({@code beforeExecution}: once per call) and the HTTP attempts they
 * take ({@code beforeTransmission}: once per attempt, retries included). bin/bench's warm run adds it to the
 * functions' client to prove one call per request.
 */
final class CallCounter implements ExecutionInterceptor {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    calls.incrementAndGet();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.incrementAndGet();
  }

  long calls() {
    return calls.get();
  }

  long attempts() {
    return attempts.get();
  }
}
