package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template checks (TemplateChecks) compare {@link FunctionEnvironment}'s lists with the template's environment,
 * so they must be exactly what the functions read: this observes {@link FunctionEnvironment#of} reading, and scans
 * the functions' sources for any other read of the environment.
 */
class FunctionEnvironmentTest {
  private static final Map<String, String> COMPLETE = Map.of("TABLE_NAME", "t", "AWS_REGION", "eu-west-1",
      "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000", "METRICS_NAMESPACE", "CrmWebhook/staging");

  @Test
  void of_readsExactlyTheListedVariables() {
    List<String> read = new ArrayList<>();
    Map<String, String> recording = new HashMap<>(COMPLETE) {
      @Override
      public String get(Object key) {
        read.add((String) key);
        return super.get(key);
      }
    };

    FunctionEnvironment environment = FunctionEnvironment.of(recording);

    Set<String> declared = new LinkedHashSet<>(FunctionEnvironment.REQUIRED_VARIABLES);
    declared.addAll(FunctionEnvironment.OPTIONAL_VARIABLES);
    declared.addAll(FunctionEnvironment.LOCAL_ONLY_VARIABLES);
    assertThat(new LinkedHashSet<>(read)).containsExactlyInAnyOrderElementsOf(declared);
    assertThat(environment.metricsNamespace().name()).isEqualTo("CrmWebhook/staging");
    assertThat(environment.store().tableName()).isEqualTo("t");
  }

  @Test
  void of_withoutTheOptionalVariables_usesTheDefaultNamespace_andWithoutARequiredOneFails() {
    Map<String, String> required = new HashMap<>();
    FunctionEnvironment.REQUIRED_VARIABLES.forEach(name -> required.put(name, COMPLETE.get(name)));

    assertThat(FunctionEnvironment.of(required).metricsNamespace().name()).isEqualTo("CrmWebhook");
    for (String name : FunctionEnvironment.REQUIRED_VARIABLES) {
      Map<String, String> missing = new HashMap<>(required);
      missing.remove(name);
      assertThatThrownBy(() -> FunctionEnvironment.of(missing)).hasMessageContaining(name + " is not set");
    }
  }

  /**
   * A function reading another variable (System.getenv elsewhere) would escape the template check of its
   * environment: the one read of the process environment in src/main is FunctionEnvironment's. A new variable must
   * be added to its lists, which TemplateChecks reads.
   */
  @Test
  void theFunctionsReadTheEnvironmentOnlyThroughFunctionEnvironment() throws IOException {
    Pattern read = Pattern.compile("System\\.getenv\\s*\\(([^)]*)\\)");
    List<String> reads = new ArrayList<>();
    Path main = TestDynamoDb.projectDir().resolve("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Matcher matcher = read.matcher(Files.readString(file));
        while (matcher.find()) {
          reads.add(main.relativize(file).toString().replace('\\', '/') + ": " + matcher.group());
        }
      }
    }
    assertThat(reads).containsExactly("com/web3crm/webhook/FunctionEnvironment.java: System.getenv()");
    assertThat(Files.readString(main.resolve("com/web3crm/webhook/FunctionEnvironment.java")))
        .contains("return of(System.getenv());");
  }
}
