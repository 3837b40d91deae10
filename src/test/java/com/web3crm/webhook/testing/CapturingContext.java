package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Lambda {@link Context} for tests: fixed names, a fresh request id per call, and every log line kept — in
 * {@link #logLines} for the test, and in the run's handler log ({@link RunLogs}) for {@code SecretHygieneIT}, as
 * Lambda would send it to CloudWatch.
 */
public final class CapturingContext implements Context {
  public final List<String> logLines = new CopyOnWriteArrayList<>();
  private final LambdaLogger logger;

  public CapturingContext() {
    this.logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            logLines.add(message);
            RunLogs.append("handlers", message);
          }

          @Override
          public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
          }
        };
  }

  /** A context whose logger is {@code logger} (then {@link #logLines} stays empty): to observe how lines are logged. */
  public CapturingContext(LambdaLogger logger) {
    this.logger = logger;
  }

  @Override
  public String getAwsRequestId() {
    return "test-" + UUID.randomUUID();
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/test";
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return "test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:test";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 10_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
