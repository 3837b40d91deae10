package com.web3crm.webhook.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The {@link Context} of one local invocation: a random request id, the function's logical id as its name, the
 * remaining time counted down from the function's timeout, and a {@link LambdaLogger} that writes each message as
 * a line to a {@link PrintStream} (bin/local-api: stdout; bin/invoke: stderr, so stdout holds only the response).
 *
 * <p>In AWS, the function name is the physical name CloudFormation generated and the logs go to CloudWatch;
 * locally the logical id stands in for the name.
 */
public final class LocalContext implements Context {
  static final String ACCOUNT_ID = "123456789012";

  private final String requestId;
  private final String functionName;
  private final String region;
  private final int memoryLimitMb;
  private final long deadlineNanos;
  private final LambdaLogger logger;

  public LocalContext(
      String requestId, String functionName, String region, Duration timeout, int memoryLimitMb, PrintStream log) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.region = region;
    this.memoryLimitMb = memoryLimitMb;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    this.logger = new LineLogger(log);
  }

  /** A context with a random request id and a 10 s timeout, logging to stdout. */
  public static LocalContext forFunction(String functionName) {
    return new LocalContext(
        UUID.randomUUID().toString(), functionName, LocalEnvironment.DEFAULT_REGION, Duration.ofSeconds(10), 1024,
        System.out);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + functionName;
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
    long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  /** Each message → one line (a newline is added unless the message ends with one). */
  static final class LineLogger implements LambdaLogger {
    private final PrintStream out;

    LineLogger(PrintStream out) {
      this.out = out;
    }

    @Override
    public void log(String message) {
      write(String.valueOf(message));
    }

    @Override
    public void log(byte[] message) {
      write(message == null ? "null" : new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
      log(message);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
      log(message);
    }

    private void write(String text) {
      synchronized (out) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
      }
    }
  }
}
