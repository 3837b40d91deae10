package com.web3crm.webhook.bench.harness;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Context} bin/bench hands to handlers: a request id the caller chooses (the runtime reads it from a
 * header; nothing random is generated here), fixed names, and a {@link LambdaLogger} that writes each message as one
 * line to stderr (which the benchmark sends to a log file), as the runtime writes it to the function's log stream.
 */
final class BenchContext implements Context {
  private final String requestId;
  private final String functionName;
  private final int memoryMb;
  private final LambdaLogger logger;

  BenchContext(String requestId, String functionName, int memoryMb, PrintStream log) {
    this.requestId = requestId;
    this.functionName = functionName;
    this.memoryMb = memoryMb;
    this.logger = new LineLogger(log);
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
    return "bench";
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
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
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
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  private static final class LineLogger implements LambdaLogger {
    private final PrintStream out;

    LineLogger(PrintStream out) {
      this.out = out;
    }

    @Override
    public void log(String message) {
      String text = String.valueOf(message);
      out.print(text.endsWith("\n") ? text : text + "\n");
    }

    @Override
    public void log(byte[] message) {
      log(message == null ? "null" : new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
      log(message);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
      log(message);
    }
  }
}
