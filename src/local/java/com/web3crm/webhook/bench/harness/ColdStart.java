package com.web3crm.webhook.bench.harness;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One Lambda cold start in this fresh JVM: {@code ColdStart <handlerClass> <functionName> <memoryMb> <event.json>
 * [prime]}.
 *
 * <p>Reads the event file, runs the init phase ({@link FunctionRuntime#load}: class, public no-arg constructor,
 * serializers), optionally the SnapStart hooks ({@link Priming}, with {@code prime}), then one invocation (event bytes
 * to response bytes), prints its {@link Result} line and exits. Times are {@code System.nanoTime()}; on Linux that
 * is CLOCK_MONOTONIC, shared by all processes, so the driver subtracts its own spawn time from {@code main_ns}.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    long mainNanos = System.nanoTime();
    if (args.length < 4 || args.length > 5 || (args.length == 5 && !args[4].equals("prime"))) {
      System.err.println("usage: ColdStart <handlerClass> <functionName> <memoryMb> <event.json> [prime]");
      System.exit(2);
    }
    byte[] event = read(args[3]);
    long t0 = System.nanoTime();
    FunctionRuntime function = FunctionRuntime.load(args[0]);
    long t1 = System.nanoTime();
    Priming priming = args.length == 5 ? Priming.run(function.instance) : null;
    long t2 = System.nanoTime();
    byte[] response =
        function.invoke(event, new BenchContext("bench-cold-1", args[1], Integer.parseInt(args[2]), System.err));
    long t3 = System.nanoTime();

    Result result =
        new Result()
            .put("main_ns", mainNanos)
            .put("read_event_ns", t0 - mainNanos)
            .put("init_ns", t1 - t0)
            .put("construct_ns", function.constructNanos)
            .put("serializers_ns", function.serializersNanos)
            .put("invoke_ns", t3 - t2)
            .put("deserialize_ns", function.lastDeserializeNanos)
            .put("handle_ns", function.lastHandleNanos)
            .put("serialize_ns", function.lastSerializeNanos)
            .put("status", function.lastStatus)
            .put("response_bytes", response.length);
    if (priming != null) {
      result
          .put("prime", priming.mode)
          .put("prime_registered", priming.registered)
          .put("prime_collected", priming.collected)
          .put("prime_total_ns", t2 - t1)
          .put("before_checkpoint_ns", priming.beforeCheckpointNanos)
          .put("gc_ns", priming.gcNanos)
          .put("after_restore_ns", priming.afterRestoreNanos);
    }
    result.print(System.out);
    System.exit(0);
  }

  static byte[] read(String file) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      return in.readAllBytes();
    }
  }
}
