package com.web3crm.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.api.client.logging.FrameType;
import com.amazonaws.services.lambda.runtime.api.client.logging.FramedTelemetryLogSink;
import com.amazonaws.services.lambda.runtime.api.client.logging.LambdaContextLogger;
import com.amazonaws.services.lambda.runtime.api.client.logging.StdOutLogSink;
import com.amazonaws.services.lambda.runtime.logging.LogFormat;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EmfDocument;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Lambda Java runtime makes of the request log line, run through the runtime's own logger classes
 * ({@code aws-lambda-java-runtime-interface-client}, test scope, the library the managed Java runtimes run): with
 * {@code LoggingConfig: LogFormat: JSON} (the template's), the runtime writes each log call as one frame to
 * Lambda's telemetry pipe, one frame being one CloudWatch log event.
 *
 * <p>This is why {@link RequestLog} logs a byte array: CloudWatch extracts Embedded Metric Format metrics only from
 * a log event that is itself the EMF object, and the runtime passes bytes through as they are but wraps a
 * {@code String} into its own JSON object, as the value of {@code "message"}.
 */
class RuntimeLogPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Frame(int type, String payload) {}

  @Test
  void jsonLogFormat_theLineIsOneFrame_unchanged_andAValidEmfDocument() throws Exception {
    List<Frame> frames = frames(LogLevel.INFO, logger -> {
      RequestLog log = new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime());
      log.dynamoDbCall(700_000);
      log.authenticated("collection-1");
      log.write(new CapturingContext(logger), "GET /crm_get_webhook", "req-1", 200, null);
    });

    assertThat(frames).hasSize(1);
    Frame frame = frames.get(0);
    assertThat(frame.type()).as("frame type: INFO, JSON").isEqualTo(FrameType.getValue(LogLevel.INFO, LogFormat.JSON));
    JsonNode event = JSON.readTree(frame.payload());
    assertThat(event.path("request_id").asText()).isEqualTo("req-1");
    assertThat(EmfDocument.violations(event)).isEmpty();
    assertThat(EmfDocument.datapoints(event)).extracting(EmfDocument.Datapoint::metric)
        .contains("Requests", "Latency", "DynamoDbLatency");
  }

  @Test
  void jsonLogFormat_a5xxLine_isAnErrorFrame() throws Exception {
    List<Frame> frames = frames(LogLevel.INFO, logger ->
        new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime()).write(new CapturingContext(logger), "GET /crm_get_webhook", "req-2", 503,
            "GetItem got no answer: SdkClientException"));

    assertThat(frames).singleElement().satisfies(frame -> {
      assertThat(frame.type()).isEqualTo(FrameType.getValue(LogLevel.ERROR, LogFormat.JSON));
      assertThat(EmfDocument.violations(JSON.readTree(frame.payload()))).isEmpty();
    });
  }

  @Test
  void jsonLogFormat_theSameLineLoggedAsAString_isWrappedAndLosesItsMetrics() throws Exception {
    String line = RequestLog.format("CrmWebhook", System.currentTimeMillis(), "req-3", "GET /crm_get_webhook", 200,
        null, null, 1_000_000, 500_000);

    List<Frame> frames = frames(LogLevel.INFO, logger -> logger.log(line, LogLevel.INFO));

    JsonNode event = JSON.readTree(frames.get(0).payload());
    assertThat(event.path("message").asText()).isEqualTo(line);
    assertThat(event.has("_aws")).isFalse();
    assertThat(EmfDocument.violations(event)).contains("EMF: no top-level _aws object");
  }

  /**
   * The runtime's level filter applies to the line (Lambda's ApplicationLogLevel): above INFO it drops the lines of
   * 2xx and 4xx answers, and their metrics with them. The template keeps INFO; docs/OBSERVABILITY.md says why.
   */
  @Test
  void jsonLogFormat_anApplicationLogLevelAboveInfo_dropsTheLinesOfNon5xxAnswers() throws Exception {
    List<Frame> frames = frames(LogLevel.WARN, logger -> {
      new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime()).write(new CapturingContext(logger), "GET /crm_get_webhook", "ok", 200, null);
      new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime()).write(new CapturingContext(logger), "GET /crm_get_webhook", "bad", 500, "x");
    });

    assertThat(frames).singleElement().satisfies(f -> assertThat(f.payload()).contains("\"request_id\":\"bad\""));
  }

  /** Without the telemetry pipe (the runtime interface emulator), the runtime writes to stdout: one line each. */
  @Test
  void textLogFormatOnStdout_theLinesStayOneJsonObjectPerLine() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (LambdaContextLogger logger = new LambdaContextLogger(new StdOutLogSink(), LogLevel.INFO, LogFormat.TEXT)) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime()).write(new CapturingContext(logger), "GET /crm_get_webhook", "a", 200, null);
      new RequestLog(MetricsNamespace.DEFAULT, System.nanoTime()).write(new CapturingContext(logger), "GET /crm_get_webhook", "b", 400, "x");
    } finally {
      System.setOut(original);
    }

    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      assertThat(EmfDocument.violations(JSON.readTree(line))).isEmpty();
    }
  }

  /** Runs {@code body} with a JSON-format runtime logger whose frames go to a file; returns the frames. */
  private List<Frame> frames(LogLevel applicationLevel, Consumer<LambdaLogger> body) throws Exception {
    Path file = dir.resolve("telemetry-" + System.nanoTime());
    try (FileOutputStream pipe = new FileOutputStream(file.toFile());
        LambdaContextLogger logger =
            new LambdaContextLogger(new FramedTelemetryLogSink(pipe.getFD()), applicationLevel, LogFormat.JSON)) {
      body.accept(logger);
    }
    // a frame: type (4 bytes), length (4), timestamp in microseconds (8), then the message (big-endian)
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    List<Frame> frames = new ArrayList<>();
    while (bytes.hasRemaining()) {
      int type = bytes.getInt();
      byte[] message = new byte[bytes.getInt()];
      bytes.getLong();
      bytes.get(message);
      frames.add(new Frame(type, new String(message, StandardCharsets.UTF_8)));
    }
    return frames;
  }
}
