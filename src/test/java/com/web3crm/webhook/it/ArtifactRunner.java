package com.web3crm.webhook.it;

import com.web3crm.webhook.local.LambdaRuntime;
import com.web3crm.webhook.local.LocalEnvironment;
import com.web3crm.webhook.local.TemplateRoutes;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.crac.Resource;

/**
 * Runs in the JVM {@link ArtifactIT} starts on the deployment artifact: {@code ArtifactRunner FunctionId=event.json
 * ...} initializes each function once, as Lambda does (class named in template.yaml, public no-arg constructor,
 * configuration from the environment only), runs the events in order through the Lambda runtime's serializers and
 * prints one line per event on stdout: {@code OK <response JSON>} or {@code FAILED <Lambda's error JSON>}. Everything
 * the functions log goes to stderr. The argument {@code --prime} initializes every function of the template and runs
 * their {@code org.crac} {@code beforeCheckpoint} hooks, as SnapStart does before its snapshot; it prints
 * {@code PRIMED <n>}.
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
    List<Object> instances = new ArrayList<>();
    Function<String, Object> lambda = LambdaRuntime.noArgConstructors();
    try (LambdaRuntime runtime = new LambdaRuntime(name -> {
      Object instance = lambda.apply(name);
      instances.add(instance);
      return instance;
    }, region, System.err)) {
      for (String arg : args) {
        if (arg.equals("--prime")) {
          // what SnapStart does before the snapshot: init every function, then run their org.crac hooks
          template.functions().values().forEach(runtime::initialize);
          for (Object instance : instances) {
            if (instance instanceof Resource resource) {
              resource.beforeCheckpoint(null);
            }
          }
          out.println("PRIMED " + instances.size());
          continue;
        }
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
