package com.web3crm.webhook.it;

import com.web3crm.webhook.local.LambdaRuntime;
import com.web3crm.webhook.local.LocalEnvironment;
import com.web3crm.webhook.local.TemplateRoutes;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in the JVM {@link ArtifactIT} starts on the deployment artifact: {@code ArtifactRunner FunctionId=event.json
 * ...} initializes each function once, as Lambda does (class named in template.yaml, public no-arg constructor,
 * configuration from the environment only), runs the events in order through the Lambda runtime's serializers and
 * prints one line per event on stdout: {@code OK <response JSON>} or {@code FAILED <Lambda's error JSON>}. Everything
 * the functions log goes to stderr.
 *
 * <p>One JVM for several events keeps ArtifactIT affordable; each environment (store up, store down, ...) still gets
 * a fresh JVM, since a function's client is built once at init.
 */
public final class ArtifactRunner {
  private ArtifactRunner() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err); // only the results go to stdout
    TemplateRoutes template = TemplateRoutes.loadProject(LocalEnvironment.projectDir());
    String region = System.getenv("AWS_REGION");
    try (LambdaRuntime runtime = new LambdaRuntime(LambdaRuntime.noArgConstructors(), region, System.err)) {
      for (String arg : args) {
        int eq = arg.indexOf('=');
        TemplateRoutes.FunctionDef function = template.function(arg.substring(0, eq)).orElseThrow();
        byte[] event = Files.readAllBytes(Path.of(arg.substring(eq + 1)));
        LambdaRuntime.Invocation invocation = runtime.invoke(function, event);
        out.println((invocation.failed() ? "FAILED " : "OK ") + invocation.payloadText().replace('\n', ' '));
      }
    }
    System.exit(0);
  }
}
