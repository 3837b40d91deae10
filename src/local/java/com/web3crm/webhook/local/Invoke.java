package com.web3crm.webhook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.store.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Docker-free {@code sam local invoke}: {@code Invoke [--setup] <FunctionLogicalId> <event.json | ->}.
 *
 * <p>Finds the function's Handler in template.yaml, reads the event (a file, or stdin for {@code -}), runs it
 * through {@link LambdaRuntime} (public no-arg constructor, the overload the runtime picks) and prints the response JSON,
 * pretty-printed, on stdout. Everything else (the function's log lines, notes) goes to stderr, so stdout can be
 * piped to {@code jq}.
 *
 * <p>Exit status: 0 when the function ran and returned (whatever statusCode it returned); 1 when it failed (init
 * error, exception, timeout): Lambda's error JSON is printed on stdout then, as {@code sam local invoke} does; 2 on
 * usage errors (unknown function: the valid ids are listed; unreadable or non-JSON event; missing environment).
 *
 * <p>Environment as for {@link LocalApi#main}; {@code --setup} first runs {@link LocalSetup} (bin/invoke passes it
 * when it started its own dynalite).
 */
public final class Invoke {
  private Invoke() {}

  private static final String USAGE = "usage: bin/invoke <FunctionLogicalId> <event.json | ->";

  public static void main(String[] args) {
    PrintStream stdout = System.out;
    System.setOut(System.err); // only the response goes to the real stdout
    System.exit(run(args, stdout, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    boolean setup = false;
    for (String arg : args) {
      if (arg.equals("--setup")) {
        setup = true;
      } else if (arg.equals("-h") || arg.equals("--help")) {
        err.println(USAGE);
        return 0;
      } else if (arg.startsWith("--")) {
        err.println("invoke: unknown option " + arg + "\n" + USAGE);
        return 2;
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 2) {
      err.println(USAGE);
      return 2;
    }
    String functionId = positional.get(0);
    String eventArg = positional.get(1);

    TemplateRoutes template;
    try {
      template = TemplateRoutes.loadProject(LocalEnvironment.projectDir());
    } catch (IOException e) {
      err.println("invoke: cannot read template.yaml: " + e.getMessage());
      return 2;
    }
    TemplateRoutes.FunctionDef function = template.function(functionId).orElse(null);
    if (function == null) {
      err.println("invoke: unknown function " + functionId + "; template.yaml defines: "
          + String.join(", ", template.functions().keySet()));
      return 2;
    }

    byte[] event;
    try {
      event = eventArg.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(eventArg));
    } catch (NoSuchFileException e) {
      err.println("invoke: no such event file: " + eventArg);
      return 2;
    } catch (IOException e) {
      err.println("invoke: cannot read " + eventArg + ": " + e);
      return 2;
    }
    ObjectMapper json = new ObjectMapper();
    try {
      JsonNode parsed = json.readTree(event);
      if (parsed == null || !parsed.isObject()) {
        err.println("invoke: " + eventArg + " does not hold a JSON object");
        return 2;
      }
    } catch (IOException e) {
      err.println("invoke: " + eventArg + " is not valid JSON: " + e.getMessage());
      return 2;
    }

    for (String name : List.of(StoreConfig.TABLE_NAME, StoreConfig.AWS_REGION, StoreConfig.DYNAMODB_ENDPOINT)) {
      String value = System.getenv(name);
      if (value == null || value.isBlank()) {
        err.println("invoke: environment variable " + name + " is not set; run bin/invoke, which sets it "
            + "(DYNAMODB_ENDPOINT is required so that a local run never reaches AWS by accident)");
        return 2;
      }
    }
    LocalEnvironment env = LocalEnvironment.fromSystem();
    if (setup) {
      try {
        LocalSetup.run(env, err);
      } catch (RuntimeException e) {
        err.println("invoke: local setup failed: " + e.getMessage());
        return 1;
      }
    }

    err.println("invoke: " + function.logicalId() + " (" + function.handler() + "), DynamoDB "
        + env.endpoint().map(Object::toString).orElse("?") + ", table " + env.tableName());
    LambdaRuntime.Invocation invocation;
    try (LambdaRuntime runtime = new LambdaRuntime(LambdaRuntime.noArgConstructors(), env.region(), err)) {
      invocation = runtime.invoke(function, event);
    }
    out.println(pretty(json, invocation.payload()));
    out.flush();
    err.println("invoke: " + (invocation.failed() ? "FAILED" : "done") + " in "
        + invocation.duration().toMillis() + " ms (request id " + invocation.requestId() + ")");
    return invocation.failed() ? 1 : 0;
  }

  private static String pretty(ObjectMapper json, byte[] payload) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(payload));
    } catch (IOException e) {
      return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
